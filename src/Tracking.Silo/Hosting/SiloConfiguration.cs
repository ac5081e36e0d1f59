using Microsoft.Extensions.Configuration;
using Tracking.Grains.Matching;
using Tracking.Grains.Seizures;

namespace Tracking.Silo.Hosting;

/// <summary>
/// Settings an operator gives every silo of a cluster alike, as environment variables (e.g. in
/// <c>cluster-config/silo.env</c>): <c>TRACKING_SILO__…</c> binds onto <see cref="TrackingSiloOptions"/>
/// (<c>TRACKING_SILO__MEMBERSHIP__PROBETIMEOUT=00:00:02</c>), <c>TRACKING_SEIZURES__…</c> onto
/// <see cref="SeizureOptions"/> (<c>TRACKING_SEIZURES__POLICY__SALEWARNINGPERIOD=7.00:00:00</c>),
/// <c>TRACKING_MATCHINDEX__…</c> onto <see cref="MatchIndexOptions"/> (<c>TRACKING_MATCHINDEX__KEPTFOR=02:00:00</c>).
/// What is not given keeps the documented default; code that configures a silo goes after this.
/// </summary>
public static class SiloConfiguration
{
    public const string Prefix = "TRACKING_";

    private static readonly Lazy<IConfiguration> s_environment = new(() => new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build());

    public static TrackingSiloOptions Silo() => Bind(new TrackingSiloOptions(), "Silo");

    public static SeizureOptions Seizures() => Bind(new SeizureOptions(), "Seizures");

    public static MatchIndexOptions MatchIndex() => Bind(new MatchIndexOptions(), "MatchIndex");

    private static T Bind<T>(T options, string section)
    {
        s_environment.Value.GetSection(section).Bind(options);
        return options;
    }
}
