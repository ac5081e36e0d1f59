using Microsoft.AspNetCore.Authorization;

namespace Tracking.Silo.Access;

/// <summary>Who may do what, by role (DESIGN §5).</summary>
internal static class AccessPolicies
{
    public const string CaseReaders = "case-readers";
    public const string CaseWorkers = "case-workers";
    public const string Supervisors = "supervisors";
    public const string Auditors = "auditors";
    public const string Operators = "operators";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(CaseReaders, p => p.RequireRole(ConsoleRole.Officer, ConsoleRole.Supervisor, ConsoleRole.Auditor));
        options.AddPolicy(CaseWorkers, p => p.RequireRole(ConsoleRole.Officer, ConsoleRole.Supervisor));
        options.AddPolicy(Supervisors, p => p.RequireRole(ConsoleRole.Supervisor));
        options.AddPolicy(Auditors, p => p.RequireRole(ConsoleRole.Auditor));
        options.AddPolicy(Operators, p => p.RequireRole(ConsoleRole.Operator));
    }
}
