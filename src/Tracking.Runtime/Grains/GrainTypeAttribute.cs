namespace Tracking.Runtime;

/// <summary>
/// The stable type name of a grain class. It is stored with every state row, event and reminder,
/// so it must not change once data exists.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
