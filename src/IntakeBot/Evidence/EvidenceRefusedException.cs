namespace IntakeBot.Evidence;

/// <summary>The file was read to its end and then refused (an Office document that hides a program,
/// for one); nothing of it is kept. The refusal says why, never what the file holds.</summary>
public sealed class EvidenceRefusedException(FileRefusal refusal) : IOException($"The file was refused: {refusal}.")
{
    public FileRefusal Refusal { get; } = refusal;
}
