using Tracking.ExchangeApi.Simulator;

namespace Tracking.ExchangeSim;

/// <summary>Start-up settings, from the command line (<c>--accounts DIR --profiles DIR --prices FILE --seed N</c>) or configuration.</summary>
public sealed class SimOptions
{
    /// <summary>A folder of exchange account lists (e.g. the samples); each file named after a profile is loaded as that exchange's members.</summary>
    public string? Accounts { get; set; }

    /// <summary>The exchange profiles describing those files. Default <c>exchanges</c> beside the program.</summary>
    public string Profiles { get; set; } = Path.Combine(AppContext.BaseDirectory, "exchanges");

    /// <summary>A price list (<c>asset,krw_price,at</c>).</summary>
    public string? Prices { get; set; }

    /// <summary>Seeds every random choice, so a run can be repeated. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// The office's secret each exchange's callback key is derived from (base64); callbacks are
    /// signed with it. Default <c>TRACKING_EXCHANGE_CALLBACK_SECRET</c>; without one they go unsigned,
    /// and the office refuses them.
    /// </summary>
    public string? CallbackSecret { get; set; } = Environment.GetEnvironmentVariable(Tracking.ExchangeApi.CallbackSignature.OfficeSecretVariable);

    /// <summary>Faults every exchange starts with; change them per exchange at <c>PUT /admin/exchanges/{name}/faults</c>.</summary>
    public FaultOptions Faults { get; set; } = new();
}
