namespace Berth.Templates.Execution;

/// <summary>How a walked node ended: normally, or by {{break}} / {{continue}} inside a range.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
