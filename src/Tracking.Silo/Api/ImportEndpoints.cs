using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Grains;
using Tracking.Grains.Imports;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.Storage.Views;
using Tracking.Silo.Access;

namespace Tracking.Silo.Api;

/// <summary>
/// Uploads of the roll and of exchanges' account lists, read exactly as the command line reads
/// files (bad rows reported by file name and line, good rows kept, the same file twice changing
/// nothing), and the record of every upload.
/// </summary>
internal static class ImportEndpoints
{
    public static void MapImports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports");
        var uploadLimit = new RequestBodyLimit(app.ServiceProvider.GetRequiredService<ConsoleOptions>().MaxUploadBytes);
        group.MapPost("/roll", (HttpRequest request, ClaimsPrincipal user, TrackingContext tracking, ConsoleOptions console, UploadProgress progress, CancellationToken ct) =>
            UploadAsync(request, ["taxpayers", "items"], user, tracking, console, progress, (paths, key, tracker) =>
            {
                var roll = RollReader.Read(paths[0], paths[1], key);
                return tracking.Importer().ImportRollAsync(roll, tracker?.Storing(roll.Taxpayers.Count), ct);
            }, ct))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithMetadata(uploadLimit, new FormPostsAllowed())
            .WithSummary("Import the roll: multipart form with files 'taxpayers' and 'items'")
            .WithDescription(UploadLimitDescription(uploadLimit));
        group.MapPost("/accounts/{exchange}", (string exchange, HttpRequest request, ClaimsPrincipal user, TrackingContext tracking, ConsoleOptions console, UploadProgress progress, CancellationToken ct) =>
        {
            var profiles = Profiles(console);
            return profiles.TryGetValue(exchange, out var profile)
                ? UploadAsync(request, ["file"], user, tracking, console, progress, (paths, key, tracker) =>
                {
                    var file = AccountFileReader.Read(paths[0], profile, key);
                    return tracking.Importer().ImportAccountsAsync(file, tracker?.Storing(file.Accounts.Count), ct);
                }, ct)
                : Task.FromResult(ApiCall.NotFound($"no profile for exchange '{exchange}'; known: {string.Join(", ", profiles.Keys.Order())}"));
        }).RequireAuthorization(AccessPolicies.CaseWorkers).WithMetadata(uploadLimit, new FormPostsAllowed())
            .WithSummary("Import one exchange's account list: multipart form with file 'file', read with the exchange's profile")
            .WithDescription(UploadLimitDescription(uploadLimit));
        group.MapGet("/progress/{id}", (string id, ClaimsPrincipal user, UploadProgress progress) =>
            progress.Find(user.Actor(), id) is { } status ? Results.Ok(status) : ApiCall.NotFound($"no upload of yours under way or just finished has the id '{(UploadProgress.IsId(id) ? id : "…")}'"))
            .RequireAuthorization(AccessPolicies.CaseWorkers)
            .WithSummary($"How far an upload sent with the header {UploadProgress.Header} has got: reading, storing (records done of total) or finished");
        group.MapGet("/exchanges", (ConsoleOptions console) => Results.Ok(Profiles(console).Keys.Order(StringComparer.Ordinal).ToArray()))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("The exchanges whose account lists can be uploaded (those with a file profile)");
        group.MapGet("/limits", (ConsoleOptions console) => Results.Ok(new UploadLimits(console.MaxUploadBytes)))
            .RequireAuthorization(AccessPolicies.CaseWorkers).WithSummary("The largest upload taken, in bytes, so a page can say so before sending a file");
        group.MapGet("/", (TrackingContext tracking, string? after, int? limit, CancellationToken ct) =>
            ApiCall.RunAsync(() => ViewPageResult.QueryAsync(tracking, ImportRecord.Definition, [], after, limit, TimeSpan.Zero, ct)))
            .RequireAuthorization(AccessPolicies.CaseReaders).WithSummary("Uploads, newest first, each with its row problems");
    }

    private static string UploadLimitDescription(RequestBodyLimit limit) =>
        $"At most {limit.MaxRequestBodySize:N0} bytes in all (413 beyond; larger files through `tracking import`). File names are shown without folders or control characters, at most {UploadName.MaxLength} characters; a name with nothing left is refused (400).";

    private static IReadOnlyDictionary<string, ExchangeProfile> Profiles(ConsoleOptions console) =>
        console.ProfilesDirectory is { } directory ? ExchangeProfile.LoadAll(directory) : new Dictionary<string, ExchangeProfile>();

    private static Task<IResult> UploadAsync(
        HttpRequest request,
        string[] fields,
        ClaimsPrincipal user,
        TrackingContext tracking,
        ConsoleOptions console,
        UploadProgress progress,
        Func<string[], byte[], UploadProgress.Tracker?, Task<ImportSummary>> import,
        CancellationToken ct) => ApiCall.RunAsync(async () =>
    {
        var uploadId = request.Headers[UploadProgress.Header].ToString();
        if (uploadId.Length > 0 && !UploadProgress.IsId(uploadId))
        {
            return Results.Problem($"{UploadProgress.Header} must be 8 to 64 letters, digits and dashes (a UUID)", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        if (!request.HasFormContentType)
        {
            return Results.Problem($"send a multipart form with file{(fields.Length > 1 ? "s" : "")} {string.Join(", ", fields.Select(f => $"'{f}'"))}", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException ex)
        {
            // The form reader's own limits (parts, fields, lengths).
            return Results.Problem($"not a readable multipart form: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        var files = fields.Select(f => form.Files.GetFile(f)).ToArray();
        if (files.Any(f => f is null))
        {
            return Results.Problem($"missing file{(fields.Length > 1 ? "s" : "")}: {string.Join(", ", fields.Where((_, i) => files[i] is null))}", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        var names = files.Select(f => UploadName.Clean(f!.FileName)).ToArray();
        if (names.Any(n => n is null))
        {
            return Results.Problem($"file names must name a file: {string.Join(", ", fields.Where((_, i) => names[i] is null))}", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        byte[] key;
        try
        {
            key = console.RrnKey?.Invoke() ?? throw new InvalidDataException("uploads need the RRN key; this host was started without one");
        }
        catch (InvalidDataException ex)
        {
            // The host's configuration, not the upload, is wrong: the operator is told why, the officer that it is not them.
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Uploads are not configured on this host");
        }

        // Row problems name each file as uploaded: each is written into a folder of its own under
        // its cleaned name, so two files of one upload may have the same name.
        var folder = Directory.CreateTempSubdirectory("tracking-upload-");
        try
        {
            var paths = new string[files.Length];
            for (var i = 0; i < files.Length; i++)
            {
                paths[i] = Path.Combine(folder.CreateSubdirectory(fields[i]).FullName, names[i]!);
                await using var target = File.Create(paths[i]);
                await files[i]!.CopyToAsync(target, ct);
            }

            var tracker = uploadId.Length > 0 ? progress.Start(user.Actor(), uploadId) : null;
            ImportSummary summary;
            try
            {
                summary = await import(paths, key, tracker);
            }
            finally
            {
                tracker?.Finish();
            }

            // A version-7 id begins with the time in milliseconds: newest first even within one second.
            var now = tracking.Clock.GetUtcNow();
            var record = new ImportRecord(Guid.CreateVersion7(now).ToString("N"), now.ToUnixTimeSeconds(), user.Actor(), [.. names.Select(n => n!)], summary);
            await tracking.Views.AppendAsync([new ViewRow(ImportRecord.View, record.Id, JsonSerializer.Serialize(record, ApiJsonContext.Default.ImportRecord))], ct);
            return Results.Ok(record);
        }
        catch (InvalidDataException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "File refused");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    });
}
