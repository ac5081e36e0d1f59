using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Tracking.Domain;
using Tracking.Domain.Suspense;
using Tracking.Grains.Persistence;
using Tracking.Grains.Taxpayers;
using Tracking.Storage.Views;

namespace Tracking.Grains.Suspense;

[GrainType(SuspenseGrain.TypeName)]
public sealed class SuspenseGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time, TrackingContext tracking)
    : EventSourcedGrain<SuspendedPayment, SuspenseEvent>, ISuspenseGrain
{
    /// <summary>The type name its rows are stored under.</summary>
    public const string TypeName = "suspense";

    public Task<bool> HoldAsync(string namedTaxpayerId, long amount, string source, string origin, CancellationToken cancellationToken) =>
        CommitAsync(SuspenseDecider.Decide(State, new SuspenseCommand.Hold(namedTaxpayerId, amount, source, origin, time.GetUtcNow())), cancellationToken);

    public async Task<SuspendedPayment> AssignAsync(string taxpayerId, string by, string reason, CancellationToken cancellationToken)
    {
        var assignment = SuspenseDecider.Decide(State, new SuspenseCommand.Assign(taxpayerId, by, reason, time.GetUtcNow()));

        // Refused before anything is recorded: a payment is never assigned to someone not on the roll.
        if (assignment.Events.Count > 0 && !await tracking.IsOnRollAsync(taxpayerId, cancellationToken))
        {
            throw new CommandRejectedException($"taxpayer {taxpayerId} is not on the roll");
        }

        // The assignment is recorded before the booking, so a booking cut short is finished for the same taxpayer, never another.
        await CommitAsync(assignment, cancellationToken);
        await BookAsync(cancellationToken);
        return State;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Status == SuspenseStatus.Assigned)
        {
            // A booking cut short (a silo lost, a call timed out) is finished without waiting for an officer.
            this.RegisterGrainTimer(async ct =>
            {
                try
                {
                    await BookAsync(ct);
                }
                catch (CommandRejectedException)
                {
                    // Refused by the ledger: recorded, and open again for an officer.
                }
            }, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task<SuspendedPayment> ReturnAsync(string by, string reason, CancellationToken cancellationToken)
    {
        await CommitAsync(SuspenseDecider.Decide(State, new SuspenseCommand.Return(by, reason, time.GetUtcNow())), cancellationToken);
        return State;
    }

    public Task<SuspendedPayment> GetAsync(CancellationToken cancellationToken) => Task.FromResult(State);

    protected override SuspendedPayment CreateInitialState() => SuspendedPayment.None(this.GetPrimaryKeyString());

    protected override IEnumerable<GrainView>? ViewsOf(SuspendedPayment state) =>
        state.Status == SuspenseStatus.None ? null : [SuspenseRow.Of(state)];

    /// <summary>Books an assigned payment to its taxpayer's ledger (the ledger takes a reference once); a refusal is recorded and the payment is open again.</summary>
    private async Task BookAsync(CancellationToken cancellationToken)
    {
        if (State.Status != SuspenseStatus.Assigned)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ITaxpayerGrain>(State.AssignedTo!).ReceivePaymentAsync(State.Reference, State.Amount, State.Source, cancellationToken);
        }
        catch (CommandRejectedException ex)
        {
            await CommitAsync(SuspenseDecider.Decide(State, new SuspenseCommand.RefuseBooking(ex.Message, time.GetUtcNow())), cancellationToken);
            throw;
        }

        await CommitAsync(SuspenseDecider.Decide(State, new SuspenseCommand.ConfirmBooked(time.GetUtcNow())), cancellationToken);
    }

    /// <summary>Records what was decided; false when it changed nothing.</summary>
    private async Task<bool> CommitAsync(Decision<SuspenseEvent> decision, CancellationToken cancellationToken)
    {
        if (decision.Rejection is { } reason)
        {
            throw new CommandRejectedException(reason);
        }

        if (decision.Events.Count == 0)
        {
            return false;
        }

        await WriteStateAsync(SuspenseDecider.ApplyAll(State, decision.Events), decision.Events, time.GetUtcNow(), cancellationToken);
        return true;
    }
}
