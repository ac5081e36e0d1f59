namespace Tracking.Silo.Access;

/// <summary>The roles of DESIGN §5; role names as they appear in claims and the users file.</summary>
public static class ConsoleRole
{
    /// <summary>Runs sweeps, works review candidates and cases.</summary>
    public const string Officer = "officer";

    /// <summary>Works cases too, and approves sales and cancellations others asked for.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Reads cases, histories and the access record; changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Runs the cluster; sees no personal data.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Officer, Supervisor, Auditor, Operator];
}
