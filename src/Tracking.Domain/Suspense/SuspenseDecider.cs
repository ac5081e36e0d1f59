namespace Tracking.Domain.Suspense;

/// <summary>
/// A suspended payment's state machine: decide(state, command) → events; apply(state, event) →
/// state. It is resolved once: assigned to one taxpayer (and booked there) or returned, never both,
/// and a repeated command that asks for what already happened changes nothing.
/// </summary>
public static class SuspenseDecider
{
    public static Decision<SuspenseEvent> Decide(SuspendedPayment state, SuspenseCommand command) => command switch
    {
        SuspenseCommand.Hold hold => DecideHold(state, hold),
        SuspenseCommand.Assign assign => DecideAssign(state, assign),
        SuspenseCommand.ConfirmBooked confirm => state.Status switch
        {
            SuspenseStatus.Assigned => Decision<SuspenseEvent>.Accept(new SuspendedPaymentBooked(state.AssignedTo!, confirm.At)),
            SuspenseStatus.Booked => Decision<SuspenseEvent>.Accept(),
            _ => Decision<SuspenseEvent>.Reject($"payment {state.Reference} is not assigned to a taxpayer"),
        },
        SuspenseCommand.RefuseBooking refused => state.Status == SuspenseStatus.Assigned
            ? Decision<SuspenseEvent>.Accept(new SuspendedPaymentBookingRefused(state.AssignedTo!, refused.Why, refused.At))
            : Decision<SuspenseEvent>.Reject($"payment {state.Reference} is not being booked"),
        SuspenseCommand.Return @return => DecideReturn(state, @return),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown suspense command."),
    };

    public static SuspendedPayment Apply(SuspendedPayment state, SuspenseEvent @event) => @event switch
    {
        PaymentSuspended held => state with
        {
            Status = SuspenseStatus.Open,
            NamedTaxpayerId = held.NamedTaxpayerId,
            Amount = held.Amount,
            Source = held.Source,
            Origin = held.Origin,
            HeldAt = held.At,
        },
        SuspendedPaymentAssigned assigned => state with
        {
            Status = SuspenseStatus.Assigned,
            AssignedTo = assigned.TaxpayerId,
            ResolvedBy = assigned.By,
            Reason = assigned.Reason,
            ResolvedAt = assigned.At,
        },
        SuspendedPaymentBooked => state with { Status = SuspenseStatus.Booked },
        SuspendedPaymentBookingRefused => state with { Status = SuspenseStatus.Open, AssignedTo = null, ResolvedBy = null, Reason = null, ResolvedAt = null },
        SuspendedPaymentReturned returned => state with
        {
            Status = SuspenseStatus.Returned,
            ResolvedBy = returned.By,
            Reason = returned.Reason,
            ResolvedAt = returned.At,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown suspense event."),
    };

    public static SuspendedPayment ApplyAll(SuspendedPayment state, IEnumerable<SuspenseEvent> events) => events.Aggregate(state, Apply);

    private static Decision<SuspenseEvent> DecideHold(SuspendedPayment state, SuspenseCommand.Hold hold)
    {
        if ((IdFormat.Problem("the payment's reference", state.Reference, IdFormat.PaymentReference)
            ?? TextLimits.Problem("the taxpayer id it names", hold.NamedTaxpayerId, TextLimits.Reference)
            ?? TextLimits.Problem("the payment's source", hold.Source, TextLimits.Source, required: false)
            ?? TextLimits.Problem("where the payment came from", hold.Origin, TextLimits.Reason)) is { } text)
        {
            return Decision<SuspenseEvent>.Reject(text);
        }

        if (hold.Amount is <= 0 or > Won.Max)
        {
            return Decision<SuspenseEvent>.Reject($"a payment is 1 to {Won.Format(Won.Max)}, not {hold.Amount:N0}");
        }

        return state.Status == SuspenseStatus.None ? Decision<SuspenseEvent>.Accept(new PaymentSuspended(hold.NamedTaxpayerId, hold.Amount, hold.Source, hold.Origin, hold.At))
            : state.NamedTaxpayerId == hold.NamedTaxpayerId && state.Amount == hold.Amount ? Decision<SuspenseEvent>.Accept()
            : Decision<SuspenseEvent>.Reject($"payment {state.Reference} is already held for {state.NamedTaxpayerId}, {Won.Format(state.Amount)}: the same reference cannot name another payment");
    }

    private static Decision<SuspenseEvent> DecideAssign(SuspendedPayment state, SuspenseCommand.Assign assign)
    {
        if ((IdFormat.Problem("the taxpayer id", assign.TaxpayerId, IdFormat.TaxpayerId)
            ?? TextLimits.Problem("who decides", assign.By, TextLimits.Source)
            ?? TextLimits.Problem("the reason", assign.Reason, TextLimits.Reason)) is { } text)
        {
            return Decision<SuspenseEvent>.Reject(text);
        }

        return state.Status switch
        {
            SuspenseStatus.Open => Decision<SuspenseEvent>.Accept(new SuspendedPaymentAssigned(assign.TaxpayerId, assign.By, assign.Reason, assign.At)),
            SuspenseStatus.Assigned or SuspenseStatus.Booked when state.AssignedTo == assign.TaxpayerId => Decision<SuspenseEvent>.Accept(),
            SuspenseStatus.Assigned or SuspenseStatus.Booked => Decision<SuspenseEvent>.Reject($"payment {state.Reference} is already assigned to {state.AssignedTo}"),
            SuspenseStatus.Returned => Decision<SuspenseEvent>.Reject($"payment {state.Reference} was returned to the payer"),
            _ => Decision<SuspenseEvent>.Reject($"no payment {state.Reference} is held in suspense"),
        };
    }

    private static Decision<SuspenseEvent> DecideReturn(SuspendedPayment state, SuspenseCommand.Return @return)
    {
        if ((TextLimits.Problem("who decides", @return.By, TextLimits.Source)
            ?? TextLimits.Problem("the reason", @return.Reason, TextLimits.Reason)) is { } text)
        {
            return Decision<SuspenseEvent>.Reject(text);
        }

        return state.Status switch
        {
            SuspenseStatus.Open => Decision<SuspenseEvent>.Accept(new SuspendedPaymentReturned(@return.By, @return.Reason, @return.At)),
            SuspenseStatus.Returned => Decision<SuspenseEvent>.Accept(),
            SuspenseStatus.Assigned or SuspenseStatus.Booked => Decision<SuspenseEvent>.Reject($"payment {state.Reference} is already assigned to {state.AssignedTo}"),
            _ => Decision<SuspenseEvent>.Reject($"no payment {state.Reference} is held in suspense"),
        };
    }
}
