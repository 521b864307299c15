using System.Net;

namespace IntakeBot.Telemetry;

/// <summary>The few words a call's outcome is reported with, from its HTTP status or its failure.</summary>
public static class Outcomes
{
    public const string Ok = "ok";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string Throttled = "throttled";
    public const string Failed = "failed";
    public const string Unreachable = "unreachable";
    public const string Cancelled = "cancelled";

    /// <summary>404 is how storage says "no such blob yet", and 409/412 how it says "someone else wrote
    /// first": both are answers the code expects, not failures of the service.</summary>
    public static string Of(int status) => status switch
    {
        < 400 => Ok,
        (int)HttpStatusCode.NotFound => NotFound,
        (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed => Conflict,
        (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.ServiceUnavailable => Throttled,
        _ => Failed,
    };

    public static string Of(Exception exception) => exception is OperationCanceledException ? Cancelled : Unreachable;

    public static bool IsFailure(string outcome) => outcome is Failed or Throttled or Unreachable;
}
