using System.Buffers.Binary;
using System.Text;

namespace IntakeBot.Evidence;

/// <summary>Checks an Office Open XML file (.docx, .xlsx, .pptx: a zip) by its central directory, the
/// list of parts that Office itself reads: only the parts expected for that type are accepted. No
/// program or script, no macros (vbaProject.bin), no embedded objects or nested archives, no part
/// outside the type's folders, no path tricks. The central directory is at the end of the file, so the
/// check runs on the file's last bytes once it has been read in full.</summary>
public static class OfficeDocuments
{
    /// <summary>The last bytes kept while streaming: room for the end-of-directory record, its
    /// comment (at most 64 KiB) and a central directory of thousands of parts.</summary>
    public const int TailBytes = 1024 * 1024;

    private const uint EndOfDirectorySignature = 0x06054b50;
    private const uint DirectoryEntrySignature = 0x02014b50;
    private const int EndOfDirectoryLength = 22;
    private const int DirectoryEntryLength = 46;
    private const int MaxParts = 10_000;

    private static readonly Dictionary<string, string> MainFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "word/",
        [".xlsx"] = "xl/",
        [".pptx"] = "ppt/",
    };

    /// <summary>Folders every Office document may have besides its main one.</summary>
    private static readonly string[] CommonFolders = ["_rels/", "docProps/", "customXml/", "_xmlsignatures/"];

    /// <summary>Markup, relationships, pictures, fonts, signatures and (in presentations) audio and video.</summary>
    private static readonly HashSet<string> PartExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".xml", ".rels", ".vml", ".png", ".jpg", ".jpeg", ".jpe", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".wdp", ".jxr",
        ".ico", ".odttf", ".fntdata", ".sigs", ".mp3", ".m4a", ".wav", ".wma", ".mp4", ".m4v", ".mov", ".wmv", ".avi",
    };

    private static readonly HashSet<string> ProgramExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".dll", ".com", ".scr", ".pif", ".cpl", ".ocx", ".sys", ".msi", ".msp", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe",
        ".js", ".jse", ".wsf", ".wsh", ".hta", ".lnk", ".reg", ".inf", ".jar", ".sh", ".app", ".apk", ".py", ".elf", ".so", ".dylib",
    };

    private static readonly HashSet<string> ArchiveExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".cab", ".iso", ".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm",
        ".xlsb", ".xltx", ".xltm", ".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".ppsm", ".odt", ".ods", ".odp", ".ole", ".bin",
    };

    /// <summary>True for the extensions this check applies to.</summary>
    public static bool Applies(string safeName) => MainFolders.ContainsKey(FileNames.Extension(safeName));

    /// <summary>The refusal for a document whose last <paramref name="tail"/> bytes (of
    /// <paramref name="length"/> in all) hold its central directory, or <see cref="FileRefusal.None"/>.</summary>
    public static FileRefusal Check(string safeName, ReadOnlySpan<byte> tail, long length)
    {
        if (!MainFolders.TryGetValue(FileNames.Extension(safeName), out var mainFolder))
        {
            return FileRefusal.None;
        }

        if (!TryFindDirectory(tail, length, out var directory, out var count))
        {
            return FileRefusal.ContentDoesNotMatchName;
        }

        var worst = FileRefusal.None;
        var hasContentTypes = false;
        var hasMainFolder = false;
        for (var i = 0; i < count; i++)
        {
            if (directory.Length < DirectoryEntryLength || BinaryPrimitives.ReadUInt32LittleEndian(directory) != DirectoryEntrySignature)
            {
                return FileRefusal.ContentDoesNotMatchName;
            }

            var flags = BinaryPrimitives.ReadUInt16LittleEndian(directory[8..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(directory[28..]);
            var entryLength = DirectoryEntryLength + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(directory[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(directory[32..]);
            if (directory.Length < entryLength || (flags & 1) != 0)
            {
                // Cut short, or an encrypted part (Office never encrypts zip entries).
                return FileRefusal.ContentDoesNotMatchName;
            }

            var name = Encoding.UTF8.GetString(directory.Slice(DirectoryEntryLength, nameLength));
            hasContentTypes |= name == "[Content_Types].xml";
            hasMainFolder |= name.StartsWith(mainFolder, StringComparison.Ordinal);
            worst = Worse(worst, Part(name, mainFolder));
            directory = directory[entryLength..];
        }

        if (directory.Length != 0 || !hasContentTypes || !hasMainFolder)
        {
            worst = Worse(worst, FileRefusal.ContentDoesNotMatchName);
        }

        return worst;
    }

    /// <summary>Why one part is refused, or <see cref="FileRefusal.None"/>.</summary>
    private static FileRefusal Part(string name, string mainFolder)
    {
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
            || name.Split('/').Any(segment => segment is "." or "..") || name.Any(char.IsControl))
        {
            return FileRefusal.ContentDoesNotMatchName;
        }

        var fileName = name[(name.LastIndexOf('/') + 1)..];
        var extension = Path.GetExtension(fileName);
        if (ProgramExtensions.Contains(extension) || fileName.StartsWith("vbaProject", StringComparison.OrdinalIgnoreCase)
            || fileName.StartsWith("vbaData", StringComparison.OrdinalIgnoreCase) || name.Contains("/activeX/", StringComparison.OrdinalIgnoreCase))
        {
            return FileRefusal.Executable;
        }

        // Printer settings are the one binary part Office writes on its own; every other .bin is an
        // embedded object.
        if (name.StartsWith(mainFolder + "printerSettings/printerSettings", StringComparison.Ordinal) && extension == ".bin")
        {
            return FileRefusal.None;
        }

        if (ArchiveExtensions.Contains(extension) || name.Contains("/embeddings/", StringComparison.OrdinalIgnoreCase))
        {
            return FileRefusal.Archive;
        }

        if (name == "[Content_Types].xml")
        {
            return FileRefusal.None;
        }

        var inExpectedFolder = name.StartsWith(mainFolder, StringComparison.Ordinal) || CommonFolders.Any(f => name.StartsWith(f, StringComparison.Ordinal));
        var isFolder = fileName.Length == 0;
        return inExpectedFolder && (isFolder || PartExtensions.Contains(extension)) ? FileRefusal.None : FileRefusal.ContentDoesNotMatchName;
    }

    /// <summary>Programs outrank archives, which outrank anything else unexpected: the person is told the
    /// most serious reason.</summary>
    private static FileRefusal Worse(FileRefusal a, FileRefusal b)
    {
        static int Rank(FileRefusal r) => r switch
        {
            FileRefusal.Executable => 3,
            FileRefusal.Archive => 2,
            FileRefusal.None => 0,
            _ => 1,
        };

        return Rank(b) > Rank(a) ? b : a;
    }

    /// <summary>Finds the end-of-directory record and the directory it describes, which must end exactly
    /// where the record starts (no zip64, no multi-disk, nothing appended or hidden between).</summary>
    private static bool TryFindDirectory(ReadOnlySpan<byte> tail, long length, out ReadOnlySpan<byte> directory, out int count)
    {
        directory = default;
        count = 0;
        var earliest = Math.Max(0, tail.Length - EndOfDirectoryLength - ushort.MaxValue);
        for (var at = tail.Length - EndOfDirectoryLength; at >= earliest; at--)
        {
            var record = tail[at..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != EndOfDirectorySignature
                || EndOfDirectoryLength + BinaryPrimitives.ReadUInt16LittleEndian(record[20..]) != record.Length)
            {
                continue;
            }

            var disk = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
            var directoryDisk = BinaryPrimitives.ReadUInt16LittleEndian(record[6..]);
            var onDisk = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
            count = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
            var recordOffset = length - record.Length;
            if (disk != 0 || directoryDisk != 0 || onDisk != count || count is 0 or > MaxParts
                || offset + size != recordOffset || size > at)
            {
                return false;
            }

            directory = tail.Slice(at - (int)size, (int)size);
            return true;
        }

        return false;
    }
}
