namespace LoopBench.Core;

/// <summary>
/// The stable id of an enum member: what run.json, case keys, exports and the history store hold.
/// Written out, never derived from the member's name, so renaming a member cannot change a stored id.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
internal sealed class IdAttribute(string id) : Attribute
{
    /// <summary>The id, e.g. "unix-stream".</summary>
    public string Id { get; } = id;
}
