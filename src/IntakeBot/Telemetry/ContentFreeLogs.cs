using OpenTelemetry;
using OpenTelemetry.Logs;

namespace IntakeBot.Telemetry;

/// <summary>Runs before any exporter on every log record. The bot's own messages are written to carry
/// references, kinds and counts only, and keep their text. Other libraries' messages can quote a URL, a
/// request or an exception message, so theirs are reduced to category, level and event. No record
/// exports an exception: its type is kept as <c>exception.type</c>, its message and data are dropped.</summary>
public sealed class ContentFreeLogs : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        var exceptionType = data.Exception?.GetType().FullName;
        data.Exception = null;
        if (!data.CategoryName?.StartsWith("IntakeBot", StringComparison.Ordinal) ?? true)
        {
            data.FormattedMessage = null;
            data.Body = null;
            data.Attributes = null;
        }

        if (exceptionType is not null)
        {
            data.Attributes = [.. data.Attributes ?? [], new("exception.type", exceptionType)];
        }
    }
}
