namespace Berth.Runtime.Logs;

/// <summary>Which of a container's output streams a log record or attach frame carries.</summary>
public enum LogStream
{
    Stdout = 1,
    Stderr = 2,
}
