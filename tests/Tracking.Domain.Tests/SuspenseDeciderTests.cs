using Tracking.Domain.Suspense;

namespace Tracking.Domain.Tests;

public sealed class SuspenseDeciderTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly SuspenseCommand.Hold s_hold = new("T07-9999999", 150_000, "bank", "payments.csv line 3", s_at);

    public enum Outcome
    {
        Recorded,
        NoChange,
        Rejected,
    }

    public static TheoryData<SuspenseStatus, string, Outcome, SuspenseStatus> EveryStateAndCommand => new()
    {
        { SuspenseStatus.None, "hold", Outcome.Recorded, SuspenseStatus.Open },
        { SuspenseStatus.None, "hold another", Outcome.Recorded, SuspenseStatus.Open },
        { SuspenseStatus.None, "assign A", Outcome.Rejected, SuspenseStatus.None },
        { SuspenseStatus.None, "assign B", Outcome.Rejected, SuspenseStatus.None },
        { SuspenseStatus.None, "booked", Outcome.Rejected, SuspenseStatus.None },
        { SuspenseStatus.None, "return", Outcome.Rejected, SuspenseStatus.None },
        { SuspenseStatus.None, "booking refused", Outcome.Rejected, SuspenseStatus.None },
        { SuspenseStatus.Open, "hold", Outcome.NoChange, SuspenseStatus.Open },
        { SuspenseStatus.Open, "hold another", Outcome.Rejected, SuspenseStatus.Open },
        { SuspenseStatus.Open, "assign A", Outcome.Recorded, SuspenseStatus.Assigned },
        { SuspenseStatus.Open, "assign B", Outcome.Recorded, SuspenseStatus.Assigned },
        { SuspenseStatus.Open, "booked", Outcome.Rejected, SuspenseStatus.Open },
        { SuspenseStatus.Open, "return", Outcome.Recorded, SuspenseStatus.Returned },
        { SuspenseStatus.Open, "booking refused", Outcome.Rejected, SuspenseStatus.Open },
        { SuspenseStatus.Assigned, "hold", Outcome.NoChange, SuspenseStatus.Assigned },
        { SuspenseStatus.Assigned, "hold another", Outcome.Rejected, SuspenseStatus.Assigned },
        { SuspenseStatus.Assigned, "assign A", Outcome.NoChange, SuspenseStatus.Assigned },
        { SuspenseStatus.Assigned, "assign B", Outcome.Rejected, SuspenseStatus.Assigned },
        { SuspenseStatus.Assigned, "booked", Outcome.Recorded, SuspenseStatus.Booked },
        { SuspenseStatus.Assigned, "return", Outcome.Rejected, SuspenseStatus.Assigned },
        { SuspenseStatus.Assigned, "booking refused", Outcome.Recorded, SuspenseStatus.Open },
        { SuspenseStatus.Booked, "hold", Outcome.NoChange, SuspenseStatus.Booked },
        { SuspenseStatus.Booked, "hold another", Outcome.Rejected, SuspenseStatus.Booked },
        { SuspenseStatus.Booked, "assign A", Outcome.NoChange, SuspenseStatus.Booked },
        { SuspenseStatus.Booked, "assign B", Outcome.Rejected, SuspenseStatus.Booked },
        { SuspenseStatus.Booked, "booked", Outcome.NoChange, SuspenseStatus.Booked },
        { SuspenseStatus.Booked, "return", Outcome.Rejected, SuspenseStatus.Booked },
        { SuspenseStatus.Booked, "booking refused", Outcome.Rejected, SuspenseStatus.Booked },
        { SuspenseStatus.Returned, "hold", Outcome.NoChange, SuspenseStatus.Returned },
        { SuspenseStatus.Returned, "hold another", Outcome.Rejected, SuspenseStatus.Returned },
        { SuspenseStatus.Returned, "assign A", Outcome.Rejected, SuspenseStatus.Returned },
        { SuspenseStatus.Returned, "assign B", Outcome.Rejected, SuspenseStatus.Returned },
        { SuspenseStatus.Returned, "booked", Outcome.Rejected, SuspenseStatus.Returned },
        { SuspenseStatus.Returned, "return", Outcome.NoChange, SuspenseStatus.Returned },
        { SuspenseStatus.Returned, "booking refused", Outcome.Rejected, SuspenseStatus.Returned },
    };

    [Fact]
    public void The_table_covers_every_state_and_command()
    {
        var rows = EveryStateAndCommand.Select(r => ((SuspenseStatus)r[0], (string)r[1])).ToHashSet();
        Assert.Equal(Enum.GetValues<SuspenseStatus>().Length * Commands.Count, rows.Count);
    }

    [Theory]
    [MemberData(nameof(EveryStateAndCommand))]
    public void Each_state_answers_each_command_as_the_table_says(SuspenseStatus from, string command, Outcome expected, SuspenseStatus to)
    {
        var state = In(from);
        var decision = SuspenseDecider.Decide(state, Commands[command]);

        var outcome = decision.IsRejected ? Outcome.Rejected : decision.Events.Count == 0 ? Outcome.NoChange : Outcome.Recorded;
        Assert.Equal(expected, outcome);
        Assert.Equal(to, SuspenseDecider.ApplyAll(state, decision.Events).Status);
    }

    [Fact]
    public void A_booking_the_ledger_refused_leaves_the_payment_open_to_be_assigned_again_or_returned()
    {
        var assigned = In(SuspenseStatus.Assigned);
        var refused = SuspenseDecider.ApplyAll(assigned, SuspenseDecider.Decide(assigned, Commands["booking refused"]).Events);

        Assert.Equal((SuspenseStatus.Open, null, null), (refused.Status, refused.AssignedTo, refused.ResolvedBy));
        Assert.False(SuspenseDecider.Decide(refused, Commands["assign B"]).IsRejected);
        Assert.False(SuspenseDecider.Decide(refused, Commands["return"]).IsRejected);
    }

    [Fact]
    public void A_payment_is_booked_only_to_the_taxpayer_it_was_assigned_to()
    {
        var assigned = SuspenseDecider.ApplyAll(In(SuspenseStatus.Open), SuspenseDecider.Decide(In(SuspenseStatus.Open), Commands["assign B"]).Events);
        var booked = SuspenseDecider.Decide(assigned, Commands["booked"]);

        Assert.Equal([new SuspendedPaymentBooked("T07-0000002", s_at)], booked.Events);
        Assert.Contains("T07-0000002", SuspenseDecider.Decide(assigned, Commands["assign A"]).Rejection);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(Won.Max + 1)]
    [InlineData(long.MaxValue)]
    public void Amounts_a_ledger_cannot_hold_are_refused(long amount)
    {
        Assert.Contains("a payment is 1 to", SuspenseDecider.Decide(In(SuspenseStatus.None), s_hold with { Amount = amount }).Rejection);
    }

    [Fact]
    public void Ids_of_the_wrong_shape_and_text_beyond_its_limit_are_refused()
    {
        Assert.Contains("reference", SuspenseDecider.Decide(SuspendedPayment.None("P 1/../x"), s_hold).Rejection);
        Assert.Contains("taxpayer id it names", SuspenseDecider.Decide(In(SuspenseStatus.None), s_hold with { NamedTaxpayerId = new string('9', TextLimits.Reference + 1) }).Rejection);
        Assert.False(SuspenseDecider.Decide(In(SuspenseStatus.None), s_hold with { NamedTaxpayerId = "T07 000001" }).IsRejected, "a mistyped id is held as given");
        Assert.Contains("source", SuspenseDecider.Decide(In(SuspenseStatus.None), s_hold with { Source = new string('s', TextLimits.Source + 1) }).Rejection);
        Assert.Contains("reason", SuspenseDecider.Decide(In(SuspenseStatus.Open), new SuspenseCommand.Assign("T07-0000001", "officer:kim", new string('r', TextLimits.Reason + 1), s_at)).Rejection);
        Assert.Contains("reason", SuspenseDecider.Decide(In(SuspenseStatus.Open), new SuspenseCommand.Return("officer:kim", " ", s_at)).Rejection);
        Assert.Contains("taxpayer id", SuspenseDecider.Decide(In(SuspenseStatus.Open), new SuspenseCommand.Assign("../T1", "officer:kim", "found", s_at)).Rejection);
    }

    private static Dictionary<string, SuspenseCommand> Commands { get; } = new()
    {
        ["hold"] = s_hold,
        ["hold another"] = s_hold with { Amount = 1 },
        ["assign A"] = new SuspenseCommand.Assign("T07-0000001", "officer:kim", "the payer's name and account match T07-0000001", s_at),
        ["assign B"] = new SuspenseCommand.Assign("T07-0000002", "officer:kim", "the bank's slip names T07-0000002", s_at),
        ["booked"] = new SuspenseCommand.ConfirmBooked(s_at),
        ["return"] = new SuspenseCommand.Return("officer:kim", "nobody on the roll paid this", s_at),
        ["booking refused"] = new SuspenseCommand.RefuseBooking("the ledger would hold more than 10,000,000,000,000원", s_at),
    };

    /// <summary>A payment in <paramref name="status"/>, reached by the commands that lead there (assigned to A).</summary>
    private static SuspendedPayment In(SuspenseStatus status)
    {
        string[] path = status switch
        {
            SuspenseStatus.None => [],
            SuspenseStatus.Open => ["hold"],
            SuspenseStatus.Assigned => ["hold", "assign A"],
            SuspenseStatus.Booked => ["hold", "assign A", "booked"],
            SuspenseStatus.Returned => ["hold", "return"],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        var state = SuspendedPayment.None("PAY-2026-0001");
        foreach (var step in path)
        {
            var decision = SuspenseDecider.Decide(state, Commands[step]);
            Assert.False(decision.IsRejected, decision.Rejection);
            state = SuspenseDecider.ApplyAll(state, decision.Events);
        }

        Assert.Equal(status, state.Status);
        return state;
    }
}
