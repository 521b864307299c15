namespace IntakeBot.Tests.Infrastructure;

/// <summary>The words of one complete reporter intake, step by step, up to the review.</summary>
internal static class Intake
{
    public static string[] UpToReview(string marker = "")
    {
        string With(string words) => marker.Length == 0 ? words : $"{words} {marker}";
        return
        [
            "report",
            With("He shouted at me in the stand-up meeting"),
            With("It happened again the next day"),
            "done",
            "nothing",
            "It happened to me",
            With("Last Tuesday morning"),
            "No",
            "Yes",
            "Online",
            With("The team's Teams meeting"),
            With("My team lead"),
            With("Two colleagues"),
            With("I feel anxious before meetings"),
            "skip",
            With("I would like to talk to someone"),
            With("A Teams chat is fine"),
            With("Afternoons are best"),
        ];
    }
}
