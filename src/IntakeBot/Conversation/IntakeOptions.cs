using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Conversation;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Where process questions are answered; shown in the welcome, help and receipt.</summary>
    [Required(ErrorMessage = "Intake:FaqUrl is required: the FAQ link the bot gives for process questions.")]
    [Url(ErrorMessage = "Intake:FaqUrl must be an absolute http(s) URL.")]
    public string FaqUrl { get; set; } = string.Empty;

    /// <summary>Who to reach at once when something is still going on, shown as given.</summary>
    [Required(ErrorMessage = "Intake:UrgentHelp is required: the contact shown when something is still happening.")]
    public string UrgentHelp { get; set; } = string.Empty;

    /// <summary>The individual who owns self-reports (AAD object id or UPN); must be on the roster.</summary>
    [Required(ErrorMessage = "Intake:DefaultOwner is required: the individual who owns submitted self-reports.")]
    public string DefaultOwner { get; set; } = string.Empty;

    /// <summary>The individuals (AAD object ids or UPNs, never group names) who may take reports and
    /// own cases.</summary>
    public List<string> Responders { get; set; } = [];

    /// <summary>Longest message kept in one piece; a longer one is refused kindly and nothing is lost.</summary>
    [Range(100, 100_000, ErrorMessage = "Intake:MaxMessageLength must be between 100 and 100000.")]
    public int MaxMessageLength { get; set; } = 20_000;
}
