using System.ComponentModel.DataAnnotations;

namespace IntakeBot.Conversation;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Where process questions are answered; shown in the welcome, help and receipt.</summary>
    [Required(ErrorMessage = "Intake:FaqUrl is required: the FAQ link the bot gives for process questions.")]
    [Url(ErrorMessage = "Intake:FaqUrl must be an absolute http(s) URL.")]
    public string FaqUrl { get; set; } = string.Empty;

    /// <summary>Who to reach at once when someone may not be safe right now, shown as given.</summary>
    [Required(ErrorMessage = "Intake:UrgentHelp is required: the contact shown when someone may not be safe right now.")]
    public string UrgentHelp { get; set; } = string.Empty;

    /// <summary>A crisis line for someone thinking about hurting themselves or ending their life,
    /// shown as given, with the urgent-help contact, whenever a message reads that way.</summary>
    [Required(ErrorMessage = "Intake:CrisisHelp is required: the crisis line shown when someone may be thinking about hurting themselves.")]
    [StringLength(300, ErrorMessage = "Intake:CrisisHelp must be at most 300 characters.")]
    [RegularExpression(@"^[^\r\n<>]*$", ErrorMessage = "Intake:CrisisHelp must be one line, without angle brackets.")]
    public string CrisisHelp { get; set; } = string.Empty;

    /// <summary>Who reads a submitted self-report, as the bot names them in a sentence ("Once you
    /// submit, the conduct team can read it"): a role, never a person's name. One line of plain words,
    /// since it is placed inside the bot's own sentences.</summary>
    [Required(ErrorMessage = "Intake:OwnerRole is required: who reads submitted reports, as a role (for example \"the conduct team\").")]
    [StringLength(120, MinimumLength = 2, ErrorMessage = "Intake:OwnerRole must be 2 to 120 characters.")]
    [RegularExpression(@"^[^\r\n*_`\[\]<>#|]*$", ErrorMessage = "Intake:OwnerRole must be one line of plain words, without markdown or angle brackets.")]
    public string OwnerRole { get; set; } = "the person responsible for conduct reports";

    /// <summary>Non-emergency support the bot points to at the welcome, pause, receipt and in help
    /// (for example an employee assistance line), shown as given; empty: the bot mentions none.</summary>
    [StringLength(300, ErrorMessage = "Intake:SupportResource must be at most 300 characters.")]
    [RegularExpression(@"^[^\r\n<>]*$", ErrorMessage = "Intake:SupportResource must be one line, without angle brackets.")]
    public string SupportResource { get; set; } = string.Empty;

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
