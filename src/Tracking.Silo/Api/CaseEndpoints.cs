using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Grains;
using Tracking.Grains.Documents;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Tracking.Storage.Views;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>
/// Cases: opened for the automatic matches; the filtered, paged list from the case read model; one
/// case in full from its grain (reads recorded); documents; and the steps people take — sale
/// approval, cancellation asked and approved (four eyes are checked by the seizure itself).
/// </summary>
internal static class CaseEndpoints
{
    public static void MapCases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("Cases");
        group.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.CaseReaders)
            .WithSummary("Cases, newest first: filter by status, exchange, officer, approval (Sale|Cancellation), debt range, opened range, overdue deadline; page with after=next");
        group.MapPost("/", OpenAutoMatchesAsync)
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("Start opening a case for every automatic match the sweeps found and no case has yet (review candidates wait for a person); 202 with its progress, 409 while it runs");
        group.MapGet("/opening", (IGrainFactory grains, CancellationToken ct) =>
            ApiCall.RunAsync(async () => Results.Ok(await grains.GetGrain<ICaseOpeningGrain>(ICaseOpeningGrain.Main).GetStatusAsync(ct))))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("The opening of the automatic matches' cases: its progress, or how the last one ended (opened, already open, refused with why)");
        group.MapGet("/{id}", GetAsync).RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("One case: state, money, full history and documents");
        group.MapGet("/{id}/documents/{documentId}", DocumentAsync).RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("One of the case's documents, as HTML, or as PDF with format=pdf");
        group.MapPost("/{id}/sale-approval", (string id, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) =>
            StepAsync(tracking, id, (seizure, ct) => seizure.ApproveSaleAsync(user.Actor(), ct), ct)).RequireAuthorization(AccessPolicies.Supervisors).WithSummary("Approve the sale the case proposes (not the officer who opened it)");
        group.MapPost("/sale-approvals", BulkSaleApprovalAsync).RequireAuthorization(AccessPolicies.Supervisors)
            .WithSummary($"Approve up to {BulkLimit.Items} proposed sales at once, each as one approval would be; the cases refused (moved on, or opened by this supervisor) are listed with why and do not stop the others");
        group.MapPost("/{id}/cancellation", (string id, ReasonBody body, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) =>
            StepAsync(tracking, id, (seizure, ct) => seizure.RequestCancellationAsync(body.Reason ?? "", user.Actor(), ct), ct)).RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("Ask to withdraw the seizure, with a reason");
        group.MapPost("/{id}/cancellation-approval", (string id, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) =>
            StepAsync(tracking, id, (seizure, ct) => seizure.ApproveCancellationAsync(user.Actor(), ct), ct)).RequireAuthorization(AccessPolicies.Supervisors).WithSummary("Approve a cancellation someone else asked for");
    }

    /// <summary>The openings run in their grain, watched through GET /api/cases/opening: tens of thousands take longer than a request should hang.</summary>
    private static Task<IResult> OpenAutoMatchesAsync(ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        var opening = grains.GetGrain<ICaseOpeningGrain>(ICaseOpeningGrain.Main);
        if ((await opening.GetStatusAsync(ct)).Running)
        {
            return ApiCall.AlreadyRunning("the automatic matches' cases are being opened already");
        }

        return Results.Accepted("/api/cases/opening", await opening.StartAsync(user.Actor(), ct));
    });

    private static Task<IResult> ListAsync(
        TrackingContext tracking,
        ConsoleOptions console,
        string? status,
        string? exchange,
        string? officer,
        string? approval,
        long? minDebt,
        long? maxDebt,
        DateTimeOffset? openedFrom,
        DateTimeOffset? openedBefore,
        bool? overdue,
        string? after,
        int? limit,
        CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        if (minDebt is { } low && !Domain.Won.InRange(low) || maxDebt is { } high && !Domain.Won.InRange(high))
        {
            return Results.Problem($"minDebt and maxDebt are amounts from 0 to {Domain.Won.Max:N0} won", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        // A misspelt state would otherwise match no case, and an empty list reads as "none".
        if ((UnknownName<Domain.Seizures.SeizureStatus>("status", status) ?? UnknownName<CaseApproval>("approval", approval)) is { } unknown)
        {
            return Results.Problem(unknown, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        var filters = ViewPageResult.EqualTo((CaseRow.StatusField, status), (CaseRow.ExchangeField, exchange), (CaseRow.OfficerField, officer), (CaseRow.ApprovalField, approval));
        if (minDebt is { } min)
        {
            filters.Add(ViewFilter.AtLeast(CaseRow.DebtField, min));
        }

        if (maxDebt is { } max)
        {
            filters.Add(ViewFilter.Below(CaseRow.DebtField, max + 1));
        }

        if (openedFrom is { } from)
        {
            filters.Add(ViewFilter.AtLeast(CaseRow.OpenedField, from.ToUnixTimeSeconds()));
        }

        if (openedBefore is { } before)
        {
            filters.Add(ViewFilter.Below(CaseRow.OpenedField, before.ToUnixTimeSeconds()));
        }

        if (overdue == true)
        {
            filters.Add(ViewFilter.AtLeast(CaseRow.DeadlineField, 1));
            filters.Add(ViewFilter.Below(CaseRow.DeadlineField, tracking.Clock.GetUtcNow().ToUnixTimeSeconds()));
        }

        // The overdue come most overdue first; other lists newest first.
        return overdue == true
            ? await ViewPageResult.QuerySmallestFirstAsync(tracking, CaseRow.Definition, CaseRow.DeadlineField, filters, after, limit, console.ListTotalMaxAge, ct)
            : await ViewPageResult.QueryAsync(tracking, CaseRow.Definition, filters, after, limit, console.ListTotalMaxAge, ct);
    });

    private static string? UnknownName<TEnum>(string filter, string? value)
        where TEnum : struct, Enum =>
        string.IsNullOrEmpty(value) || Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal)
            ? null
            : $"{filter} is one of {string.Join(", ", Enum.GetNames<TEnum>())}";

    // Case and document ids hold a '/', which routing leaves encoded in a route value.
    private static string CaseId(string routeValue) => Uri.UnescapeDataString(routeValue);

    private static Task<IResult> GetAsync(string id, ClaimsPrincipal user, TrackingContext tracking, AccessJournal journal, CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        id = CaseId(id);
        if (await DetailAsync(tracking, id, ct) is not { } detail)
        {
            return ApiCall.NotFound($"there is no case {id}");
        }

        await journal.RecordAsync(user, detail.Seizure.TaxpayerId, $"case {id}", ct);
        return Results.Ok(detail);
    });

    private static Task<IResult> DocumentAsync(string id, string documentId, string? format, ClaimsPrincipal user, TrackingContext tracking, AccessJournal journal, DocumentPdfPrinter printer, DocumentOptions documents, CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        (id, documentId) = (CaseId(id), CaseId(documentId));
        if (format is not (null or "html" or "pdf"))
        {
            throw new ArgumentException("format is html (the default) or pdf", nameof(format));
        }

        if (!documentId.StartsWith(id + "/", StringComparison.Ordinal) || !int.TryParse(documentId.AsSpan(id.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw new ArgumentException("a document id is its case's id and the document's number: case/N", nameof(documentId));
        }

        if (await DetailAsync(tracking, id, ct) is not { } detail)
        {
            return ApiCall.NotFound($"there is no case {id}");
        }

        var taxpayer = await tracking.Grains.GetGrain<ITaxpayerGrain>(detail.Seizure.TaxpayerId).GetAsync(ct);
        var masked = taxpayer with { Profile = PersonalDataMask.Apply(taxpayer.Profile, user.Role()) };
        if (SeizureDocumentRenderer.Render(detail, masked, documentId, documents.Issuer) is not { } html)
        {
            return ApiCall.NotFound($"case {id} issued no document {documentId}");
        }

        if (format != "pdf")
        {
            await journal.RecordAsync(user, detail.Seizure.TaxpayerId, $"document {documentId}", ct);
            return Results.Content(html, "text/html; charset=utf-8");
        }

        var pdf = await printer.PrintAsync(html, ct);
        await journal.RecordAsync(user, detail.Seizure.TaxpayerId, $"document {documentId} (PDF)", ct);
        var kind = detail.Documents.First(d => d.DocumentId == documentId).Kind;
        return Results.File(pdf, "application/pdf", $"{DocumentKindNames.Name(kind)}-{documentId.Replace('/', '-').Replace('@', '-')}.pdf");
    });

    private static async Task<CaseDetail?> DetailAsync(TrackingContext tracking, string id, CancellationToken ct) =>
        await OpenCaseAsync(tracking, id, ct) is var (seizure, view) ? new CaseDetail(view, await seizure.GetHistoryAsync(ct)) : null;

    /// <summary>The case's seizure and its view, when the read model lists the case and its grain has it open; else null (no grain activated for an id the list does not know).</summary>
    private static async Task<(ISeizureGrain Seizure, SeizureView View)?> OpenCaseAsync(TrackingContext tracking, string id, CancellationToken ct)
    {
        if (!await ReadModelLookup.CaseExistsAsync(tracking, id, ct))
        {
            return null;
        }

        var seizure = tracking.Grains.GetGrain<ISeizureGrain>(id);
        return await seizure.GetIfOpenAsync(ct) is { } view ? (seizure, view) : null;
    }

    /// <summary>Sale approvals sent to the seizures at once: each waits on the exchange's prices and its sale order.</summary>
    private const int BulkApprovalParallelism = 16;

    /// <summary>Every case named must be well formed (else 400, nothing approved); a case that is not one, refuses, or cannot reach its exchange now is listed.</summary>
    private static Task<IResult> BulkSaleApprovalAsync(BulkSaleApprovalBody body, ClaimsPrincipal user, TrackingContext tracking, CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        var named = body.Cases ?? [];
        if (named.Count is 0 or > BulkLimit.Items)
        {
            return ApiCall.Refused($"name 1 to {BulkLimit.Items} cases; {named.Count} were named");
        }

        if (named.ToList().FindIndex(id => !Domain.IdFormat.IsCaseId(id)) is var malformed and >= 0)
        {
            throw new ArgumentException($"case {malformed + 1} named is not a case id: taxpayer@exchange/account, each an id of letters, digits, '-', '_' or '.'", nameof(body));
        }

        var ids = named.Distinct(StringComparer.Ordinal).ToArray();
        var approved = 0;
        var refused = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = BulkApprovalParallelism, CancellationToken = ct }, async (id, ct) =>
        {
            if (await OpenCaseAsync(tracking, id, ct) is not var (seizure, _))
            {
                refused.Add($"{id}: there is no such case");
                return;
            }

            try
            {
                await seizure.ApproveSaleAsync(user.Actor(), ct);
                Interlocked.Increment(ref approved);
            }
            catch (CommandRejectedException ex)
            {
                refused.Add($"{id}: {ex.Message}");
            }
            catch (Exception ex) when (ex is ExchangeUnreachableException or TimeoutException)
            {
                // The others were approved; this one can be approved again once its exchange answers.
                refused.Add($"{id}: {ex.Message}; approve it again later");
            }
        });
        return Results.Ok(new BulkSaleApprovalSummary(ids.Length, approved, [.. refused.Order(StringComparer.Ordinal)]));
    });

    private static Task<IResult> StepAsync(TrackingContext tracking, string id, Func<ISeizureGrain, CancellationToken, Task<SeizureView>> step, CancellationToken ct) =>
        ApiCall.RunAsync(async () =>
        {
            return await OpenCaseAsync(tracking, CaseId(id), ct) is var (seizure, _)
                ? Results.Ok(await step(seizure, ct))
                : ApiCall.NotFound($"there is no case {CaseId(id)}");
        });
}
