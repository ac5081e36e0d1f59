using Tracking.Storage.Views;

namespace Tracking.Silo.Access;

/// <summary>One read of a person's case: who (name and role), when (Unix seconds), whose (taxpayer) and what.</summary>
public sealed record AccessRecord(string Id, long At, string Reader, string Role, string Subject, string What)
{
    public const string View = "access";

    public static readonly ViewField AtField = ViewField.Number("at");
    public static readonly ViewField SubjectField = ViewField.Text("subject");
    public static readonly ViewField ReaderField = ViewField.Text("reader");

    /// <summary>Newest first; by whose case was read, or by who read.</summary>
    public static ViewDefinition Definition { get; } = new(View, AtField, [SubjectField, ReaderField]);
}
