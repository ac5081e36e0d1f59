using Tracking.Domain.Seizures;
using Tracking.Grains.Seizures;

namespace Tracking.Grains.Tests.Seizures;

/// <summary>When a case's next step is due, whoever owes it: the list's "overdue" counts from it.</summary>
public sealed class CaseRowTests
{
    private static readonly DateTimeOffset s_opened = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly SeizureOptions s_options = new() { ReplyDeadline = TimeSpan.FromHours(12), Policy = new SeizurePolicy { ApprovalWithin = TimeSpan.FromDays(2) } };

    private static readonly Seizure s_noticeSent = Seizure.New("S-1") with
    {
        OpenedAt = s_opened,
        Pending = [new ExchangeRequest("S-1#i.1", ExchangeRequestKind.SeizureNotice, s_opened)],
    };

    [Fact]
    public void A_request_to_the_exchange_is_due_its_answer_a_reply_deadline_after_it_was_sent()
    {
        Assert.Equal(s_opened.AddHours(12), CaseRow.StepDue(s_noticeSent, s_options));
    }

    [Fact]
    public void A_proposed_sale_is_due_its_approval_within_the_policy_s_time_after_the_waiting_period()
    {
        var waitEnded = s_opened.AddDays(7);
        var awaiting = s_noticeSent with { Pending = [], Frozen = true, SaleWaitUntil = waitEnded, SaleProposed = true, Status = SeizureStatus.AwaitingSaleApproval };

        Assert.Equal(waitEnded.AddDays(2), CaseRow.StepDue(awaiting, s_options));
    }

    [Fact]
    public void A_cancellation_asked_for_is_due_its_approval_and_the_earliest_step_counts()
    {
        var asked = s_opened.AddHours(1);
        var seized = s_noticeSent with { Pending = [], Frozen = true, Status = SeizureStatus.Seized, CancellationRequest = new CancellationRequest("officer:park", "namesake", asked) };
        Assert.Equal(asked.AddDays(2), CaseRow.StepDue(seized, s_options));

        var alsoWaiting = seized with { SaleWaitUntil = s_opened.AddDays(1) };
        Assert.Equal(s_opened.AddDays(1), CaseRow.StepDue(alsoWaiting, s_options));
    }

    [Fact]
    public void A_closed_case_owes_no_step()
    {
        Assert.Null(CaseRow.StepDue(s_noticeSent with { Status = SeizureStatus.Closed }, s_options));
        Assert.Equal(0, CaseRow.Of(s_noticeSent with { Status = SeizureStatus.Closed }, s_options).Deadline);
    }
}
