using System.Reflection;
using Xunit.Sdk;

namespace Tracking.TestingHost;

/// <summary>Runs a theory once per storage provider (SQLite, PostgreSQL), passing the kind as its first argument.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllStoragesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[TestStorage.Sqlite], [TestStorage.Postgres]];
}
