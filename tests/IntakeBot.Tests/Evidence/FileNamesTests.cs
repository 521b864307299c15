using IntakeBot.Evidence;

namespace IntakeBot.Tests.Evidence;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\system32\\cmd.exe", "cmd.exe")]
    [InlineData("IR-12345678/evidence/001-x.png", "001-x.png")]
    [InlineData("a\u0000b\u001fc.png", "a-b-c.png")]
    [InlineData("\u202Egnp.exe", "gnp.exe")]
    [InlineData("....png", "file.png")]
    [InlineData("", "file")]
    [InlineData("Screenshot 2026-11-24 at 10.02.png", "Screenshot-2026-11-24-at-10.02.png")]
    public void Names_from_clients_lose_paths_control_characters_and_dot_dot(string original, string expected)
        => Assert.Equal(expected, FileNames.Sanitize(original));

    [Fact]
    public void Long_names_are_bounded_and_keep_their_extension()
    {
        var safe = FileNames.Sanitize(new string('a', 300) + ".pdf");

        Assert.Equal(80, safe.Length);
        Assert.EndsWith(".pdf", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_a_lone_surrogate_is_kept_readable_instead_of_failing()
    {
        var original = "notes\uD800 from \uDC00 Sam.pdf";

        Assert.Equal("notes-from-Sam.pdf", FileNames.Sanitize(original));
        Assert.Equal("notes\uFFFD from \uFFFD Sam.pdf", FileNames.Shorten(original));
    }

    [Fact]
    public void Original_names_are_cut_between_whole_characters_to_fit_blob_metadata()
    {
        var shortened = FileNames.Shorten(string.Concat(Enumerable.Repeat("\U0001F600", 1000)) + ".docx");

        Assert.InRange(shortened.Length, 1, FileNames.MaxOriginalLength);
        Assert.InRange(Uri.EscapeDataString(shortened).Length, 1, FileNames.MaxEncodedOriginalLength);
        Assert.EndsWith("\U0001F600\u2026.docx", shortened, StringComparison.Ordinal);
    }
}
