using System.Net.Http.Json;
using System.Text.Json;
using Tracking.TestingHost;

namespace Tracking.LoadTests.Api;

/// <summary>A generated population brought into a silo as an office would: the files uploaded through the API, then swept.</summary>
internal static class ApiPopulation
{
    /// <summary>Uploads the roll and the five exchanges' files, sweeps, and waits for the sweep to finish.</summary>
    public static async Task UploadAndSweepAsync(HttpClient http, string files)
    {
        await UploadAsync(http, "/api/imports/roll", Path.Combine(files, "taxpayers.csv"), "taxpayers", Path.Combine(files, "tax_items.csv"), "items");
        foreach (var (exchange, file) in PopulationGenerator.Exchanges)
        {
            await UploadAsync(http, $"/api/imports/accounts/{exchange}", Path.Combine(files, file), "file");
        }

        (await http.PostAsync("/api/sweeps", null)).EnsureSuccessStatusCode();
        while (await http.GetFromJsonAsync<JsonElement>("/api/sweeps/current") is var status && (status.GetProperty("running").GetBoolean() || status.GetProperty("lastRun").ValueKind == JsonValueKind.Null))
        {
            await Task.Delay(200);
        }
    }

    /// <summary>Starts opening the automatic matches' cases and waits for the job to end; its last status.</summary>
    public static async Task<JsonElement> OpenAutoMatchesAsync(HttpClient http)
    {
        (await http.PostAsync("/api/cases", null)).EnsureSuccessStatusCode();
        JsonElement status;
        while ((status = await http.GetFromJsonAsync<JsonElement>("/api/cases/opening")).GetProperty("running").GetBoolean())
        {
            await Task.Delay(500);
        }

        return status;
    }

    /// <summary>Every case the list holds, a thousand to a page.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ListCasesAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var cases = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/cases?limit=1000" + (next is null ? "" : "&after=" + Uri.EscapeDataString(next)), cancellationToken);
            cases.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        return cases;
    }

    private static async Task UploadAsync(HttpClient http, string path, params string[] fileThenField)
    {
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < fileThenField.Length; i += 2)
        {
            form.Add(new StreamContent(File.OpenRead(fileThenField[i])), fileThenField[i + 1], Path.GetFileName(fileThenField[i]));
        }

        (await http.PostAsync(path, form)).EnsureSuccessStatusCode();
    }
}
