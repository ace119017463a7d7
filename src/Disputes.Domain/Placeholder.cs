namespace Disputes.Domain;
/// <summary>Placeholder.</summary>
public static class Placeholder { }
