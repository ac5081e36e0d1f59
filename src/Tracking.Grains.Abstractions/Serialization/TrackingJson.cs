using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.Domain.Suspense;

namespace Tracking.Grains.Serialization;

/// <summary>
/// The JSON grains are stored with, domain types cross silos in, and the case API and command
/// line write. Event hierarchies get their type markers here rather than by attributes, so the
/// domain stays free of serialization concerns.
/// </summary>
public static class TrackingJson
{
    private static readonly Dictionary<Type, Type[]> s_eventTypes = new()
    {
        [typeof(TaxpayerEvent)] = [typeof(TaxpayerRegistered), typeof(TaxItemAssessed), typeof(PaymentApplied), typeof(MatchCandidateRecorded), typeof(CandidateReviewed), typeof(CandidateWithdrawn), typeof(SeizureAttached), typeof(SeizureDetached), typeof(ProceedsHeld), typeof(CoverReserved), typeof(PaymentReversed), typeof(HeldProceedsReturned)],
        [typeof(SeizureEvent)] = [typeof(SeizureOpened), typeof(ExchangeRequestIssued), typeof(SeizureTookEffect), typeof(DocumentIssued), typeof(SaleWarned), typeof(SaleProposed), typeof(SaleApproved), typeof(SaleFilled), typeof(ProceedsReceived), typeof(ProceedsDistributed), typeof(ProceedsReturned), typeof(ReleaseConfirmed), typeof(CancellationRequested), typeof(SeizureCancelled), typeof(SeizureRejected), typeof(SeizureClosed)],
        [typeof(SuspenseEvent)] = [typeof(PaymentSuspended), typeof(SuspendedPaymentAssigned), typeof(SuspendedPaymentBooked), typeof(SuspendedPaymentBookingRefused), typeof(SuspendedPaymentReturned)],
        [typeof(AccountEvent)] = [typeof(AccountReported)],
        [typeof(ExchangeReply)] = [typeof(ExchangeReply.Frozen), typeof(ExchangeReply.AccountUnavailable), typeof(ExchangeReply.Sold), typeof(ExchangeReply.Remitted), typeof(ExchangeReply.Released)],
    };

    public static JsonSerializerOptions Options { get; } = Create(TrackingJsonContext.Default, s_eventTypes);

    /// <summary>
    /// Options over <paramref name="resolver"/> in which each base type of <paramref name="hierarchies"/>
    /// is written with a type marker naming its derived type. Stored JSON may come back with its
    /// properties reordered (PostgreSQL jsonb does), so markers are accepted anywhere in an object.
    /// </summary>
    public static JsonSerializerOptions Create(IJsonTypeInfoResolver resolver, IReadOnlyDictionary<Type, Type[]> hierarchies)
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver.WithAddedModifier(typeInfo =>
            {
                if (typeInfo.Type == typeof(Domain.Matching.MatchCandidate))
                {
                    // A candidate not yet recorded by its taxpayer has no time found, and one found
                    // before sweeps learnt weights has no weight: written without, as before either was kept.
                    foreach (var optional in typeInfo.Properties.Where(p => p.AttributeProvider is System.Reflection.PropertyInfo
                    {
                        Name: nameof(Domain.Matching.MatchCandidate.FoundAt) or nameof(Domain.Matching.MatchCandidate.Weight),
                    }))
                    {
                        optional.ShouldSerialize = (_, value) => value is not null;
                    }
                }

                if (typeInfo.Type == typeof(BirthDate))
                {
                    // Its digits are worked out from its four numbers: written, they only lengthened
                    // every stored account and taxpayer, and cost each write two formattings.
                    foreach (var derivedText in typeInfo.Properties.Where(p => p.AttributeProvider is System.Reflection.PropertyInfo { Name: nameof(BirthDate.Digits) or nameof(BirthDate.Yymmdd) }).ToArray())
                    {
                        typeInfo.Properties.Remove(derivedText);
                    }
                }

                if (hierarchies.TryGetValue(typeInfo.Type, out var derived) || s_eventTypes.TryGetValue(typeInfo.Type, out derived))
                {
                    typeInfo.PolymorphismOptions = new JsonPolymorphismOptions();
                    foreach (var type in derived)
                    {
                        typeInfo.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
                    }
                }
            }),
            AllowOutOfOrderMetadataProperties = true,

            // Names are Hangul: written as they are, not as \uXXXX escapes of twice their size.
            // Characters HTML gives meaning to are still escaped.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.MakeReadOnly();
        return options;
    }
}
