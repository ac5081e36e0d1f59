namespace Tracking.Silo.Access;

/// <summary>One Data Protection key as ASP.NET Core writes it (XML), its name, and when it was stored (Unix seconds).</summary>
public sealed record DataProtectionKey(string Name, long At, string Xml);
