namespace IntakeBot.Text;

/// <summary>File sizes as people read them: KB, MB or GB, never a count of bytes, with the reader's
/// decimal separator.</summary>
public static class Sizes
{
    private const long Kilobyte = 1024;
    private const long Megabyte = 1024 * Kilobyte;
    private const long Gigabyte = 1024 * Megabyte;

    public static string Format(TextCatalog text, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return bytes switch
        {
            // Rounded up, so that a small pasted text shows as 1 KB rather than 0.
            < Megabyte => text.Format(TextKey.SizeKilobytes, (bytes + Kilobyte - 1) / Kilobyte),
            < Gigabyte => text.Format(TextKey.SizeMegabytes, OneDecimal(bytes, Megabyte)),
            _ => text.Format(TextKey.SizeGigabytes, OneDecimal(bytes, Gigabyte)),
        };
    }

    private static string OneDecimal(long bytes, long unit) => (Math.Round((double)bytes / unit, 1)).ToString("0.#", ReaderLanguage.Culture);
}
