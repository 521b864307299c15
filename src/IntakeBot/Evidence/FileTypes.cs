using System.Text;

namespace IntakeBot.Evidence;

/// <summary>What a file is, by its extension and by its first bytes. Both must agree and be on the
/// allow-list (images, PDF, text, Office documents, e-mail, common video); executables and archives
/// are refused whatever they are called.</summary>
public static class FileTypes
{
    public const int SniffLength = 512;

    private static readonly Dictionary<string, (Family Family, string ContentType)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = (Family.Png, "image/png"),
        [".jpg"] = (Family.Jpeg, "image/jpeg"),
        [".jpeg"] = (Family.Jpeg, "image/jpeg"),
        [".gif"] = (Family.Gif, "image/gif"),
        [".webp"] = (Family.Webp, "image/webp"),
        [".bmp"] = (Family.Bmp, "image/bmp"),
        [".heic"] = (Family.IsoMedia, "image/heic"),
        [".pdf"] = (Family.Pdf, "application/pdf"),
        [".txt"] = (Family.Text, "text/plain"),
        [".log"] = (Family.Text, "text/plain"),
        [".csv"] = (Family.Text, "text/csv"),
        [".md"] = (Family.Text, "text/markdown"),
        [".eml"] = (Family.Text, "message/rfc822"),
        [".msg"] = (Family.Ole, "application/vnd.ms-outlook"),
        [".doc"] = (Family.Ole, "application/msword"),
        [".xls"] = (Family.Ole, "application/vnd.ms-excel"),
        [".ppt"] = (Family.Ole, "application/vnd.ms-powerpoint"),
        [".docx"] = (Family.OfficeOpenXml, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        [".xlsx"] = (Family.OfficeOpenXml, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        [".pptx"] = (Family.OfficeOpenXml, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        [".mp4"] = (Family.IsoMedia, "video/mp4"),
        [".m4v"] = (Family.IsoMedia, "video/mp4"),
        [".mov"] = (Family.IsoMedia, "video/quicktime"),
        [".webm"] = (Family.Webm, "video/webm"),
    };

    private static readonly Dictionary<string, string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = ".png",
        ["image/jpeg"] = ".jpg",
        ["image/gif"] = ".gif",
        ["image/webp"] = ".webp",
        ["image/bmp"] = ".bmp",
        ["image/heic"] = ".heic",
    };

    private enum Family
    {
        Unknown,
        Png,
        Jpeg,
        Gif,
        Webp,
        Bmp,
        Pdf,
        Text,
        Ole,
        OfficeOpenXml,
        IsoMedia,
        Webm,
        Html,
        Executable,
        Archive,
    }

    /// <summary>The extension an inline image of this content type gets, or empty.</summary>
    public static string ExtensionForImage(string? contentType)
        => contentType is not null && ImageExtensions.TryGetValue(contentType, out var extension) ? extension : string.Empty;

    /// <summary>The content type of an image by its first bytes, or null.</summary>
    public static string? ImageContentType(ReadOnlySpan<byte> head) => Sniff(head) switch
    {
        Family.Png => "image/png",
        Family.Jpeg => "image/jpeg",
        Family.Gif => "image/gif",
        Family.Webp => "image/webp",
        Family.Bmp => "image/bmp",
        _ => null,
    };

    /// <summary>Checks a file's name and first bytes: the content type to store it as, or the reason it
    /// is refused.</summary>
    public static FileCheck Check(string safeName, ReadOnlySpan<byte> head)
    {
        var sniffed = Sniff(head);
        if (sniffed == Family.Html)
        {
            return FileCheck.Refuse(FileRefusal.WebPageInstead);
        }

        if (sniffed is Family.Executable or Family.Archive)
        {
            return FileCheck.Refuse(sniffed == Family.Executable ? FileRefusal.Executable : FileRefusal.Archive);
        }

        var extension = FileNames.Extension(safeName);
        if (!Allowed.TryGetValue(extension, out var expected))
        {
            return FileCheck.Refuse(extension is ".zip" or ".7z" or ".rar" or ".gz" or ".tar" ? FileRefusal.Archive
                : extension is ".exe" or ".dll" or ".bat" or ".cmd" or ".ps1" or ".sh" or ".msi" or ".js" or ".vbs" or ".scr" or ".com" or ".jar" or ".apk" or ".app" ? FileRefusal.Executable
                : FileRefusal.UnsupportedType);
        }

        return sniffed == expected.Family
            ? FileCheck.Accept(expected.ContentType)
            : FileCheck.Refuse(FileRefusal.ContentDoesNotMatchName);
    }

    private static Family Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0)
        {
            return Family.Unknown;
        }

        if (StartsWith(head, "MZ"u8) || StartsWith(head, [0x7F, 0x45, 0x4C, 0x46]) || StartsWith(head, [0xCF, 0xFA, 0xED, 0xFE])
            || StartsWith(head, [0xFE, 0xED, 0xFA, 0xCF]) || StartsWith(head, [0xCA, 0xFE, 0xBA, 0xBE]) || StartsWith(head, "#!"u8))
        {
            return Family.Executable;
        }

        if (StartsWith(head, [0x89, 0x50, 0x4E, 0x47]))
        {
            return Family.Png;
        }

        if (StartsWith(head, [0xFF, 0xD8, 0xFF]))
        {
            return Family.Jpeg;
        }

        if (StartsWith(head, "GIF8"u8))
        {
            return Family.Gif;
        }

        if (StartsWith(head, "RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Family.Webp;
        }

        if (StartsWith(head, "BM"u8))
        {
            return Family.Bmp;
        }

        if (StartsWith(head, "%PDF-"u8))
        {
            return Family.Pdf;
        }

        if (StartsWith(head, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return Family.Ole;
        }

        if (StartsWith(head, [0x50, 0x4B, 0x03, 0x04]))
        {
            // Office documents are zip files whose first entry is an Office part; any other zip is an archive.
            var text = Encoding.ASCII.GetString(head);
            return text.Contains("[Content_Types].xml", StringComparison.Ordinal) || text.Contains("docProps/", StringComparison.Ordinal)
                || text.Contains("word/", StringComparison.Ordinal) || text.Contains("xl/", StringComparison.Ordinal) || text.Contains("ppt/", StringComparison.Ordinal)
                || text.Contains("_rels/", StringComparison.Ordinal)
                ? Family.OfficeOpenXml
                : Family.Archive;
        }

        if (StartsWith(head, [0x37, 0x7A, 0xBC, 0xAF]) || StartsWith(head, "Rar!"u8) || StartsWith(head, [0x1F, 0x8B]))
        {
            return Family.Archive;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return Family.IsoMedia;
        }

        if (StartsWith(head, [0x1A, 0x45, 0xDF, 0xA3]))
        {
            return Family.Webm;
        }

        return LooksLikeText(head, out var html) ? (html ? Family.Html : Family.Text) : Family.Unknown;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head, out bool html)
    {
        html = false;
        if (head.Contains((byte)0))
        {
            return false;
        }

        var start = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        html = start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        return true;
    }

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);
}

public enum FileRefusal
{
    None,
    WebPageInstead,
    Executable,
    Archive,
    UnsupportedType,
    ContentDoesNotMatchName,
    TooLarge,
    HostNotAllowed,
    DownloadFailed,
    NotAFile,
}

public sealed record FileCheck(string? ContentType, FileRefusal Refusal)
{
    public bool Accepted => Refusal == FileRefusal.None;

    public static FileCheck Accept(string contentType) => new(contentType, FileRefusal.None);

    public static FileCheck Refuse(FileRefusal refusal) => new(null, refusal);
}
