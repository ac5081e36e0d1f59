using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracking.Ingest.Accounts;

/// <summary>How one exchange writes its account list (see <c>cluster-config/exchanges/README.md</c>).</summary>
public sealed record ExchangeProfile(
    string Exchange,
    string Encoding,
    char Delimiter,
    ExchangeColumns Columns,
    string? BirthDateFormat,
    QuantityMeaning QuantityMeaning)
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads every <c>*.json</c> profile of a folder, by exchange id.</summary>
    public static IReadOnlyDictionary<string, ExchangeProfile> LoadAll(string directory) =>
        Directory.EnumerateFiles(directory, "*.json").Select(Load).ToDictionary(p => p.Exchange, StringComparer.OrdinalIgnoreCase);

    public static ExchangeProfile Load(string path)
    {
        ExchangeProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<ExchangeProfile>(File.ReadAllText(path), s_json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Exchange profile {path} is not valid: {ex.Message}", ex);
        }

        if (profile?.Columns?.AccountId is null || profile.Columns.Asset is null || profile.Columns.Quantity is null || profile.Columns.Locked is null)
        {
            throw new InvalidDataException($"Exchange profile {path} must name the accountId, asset, quantity and locked columns.");
        }

        if (!string.Equals(Path.GetFileNameWithoutExtension(path), profile.Exchange, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Exchange profile {path} describes '{profile.Exchange}'; the file must be named after it.");
        }

        if (profile.Columns.BirthDate is not null && profile.BirthDateFormat is null)
        {
            throw new InvalidDataException($"Exchange profile {path} has a birth date column but no birthDateFormat.");
        }

        return profile;
    }

    public IEnumerable<string> RequiredColumns() => new[] { Columns.AccountId, Columns.Asset, Columns.Quantity, Columns.Locked }
        .Concat(new[] { Columns.Name, Columns.BirthDate, Columns.Phone, Columns.Rrn }.OfType<string>());
}

public sealed record ExchangeColumns(string AccountId, string Asset, string Quantity, string Locked, string? Name, string? BirthDate, string? Phone, string? Rrn);

public enum QuantityMeaning
{
    /// <summary>The quantity column is the whole holding; locked is part of it.</summary>
    Total,

    /// <summary>The quantity column excludes what is locked; the whole holding is quantity + locked.</summary>
    Available,
}
