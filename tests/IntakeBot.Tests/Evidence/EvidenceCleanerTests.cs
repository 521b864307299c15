using System.IO.Compression;
using System.Text;
using IntakeBot.Evidence;
using IntakeBot.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace IntakeBot.Tests.Evidence;

/// <summary>The cleaners one by one, on files made by the libraries that write them.</summary>
public sealed class EvidenceCleanerTests
{
    private const string Person = "Ottoline Sparrowhawk";
    private const string Company = "Quillmere Holdings";

    private static bool Names(byte[] file) => MetadataFiles.Readable(file) is var text && (text.Contains("Sparrowhawk", StringComparison.Ordinal) || text.Contains("Quillmere", StringComparison.Ordinal));

    [Fact]
    public void A_word_document_loses_its_authors_company_and_custom_properties_and_keeps_its_text()
    {
        var docx = MetadataFiles.Docx(Person, Company);
        Assert.True(Names(docx));

        var cleaned = EvidenceCleaner.Clean(".docx", docx);

        Assert.NotNull(cleaned);
        Assert.Contains(MetadataFiles.WhatItSays, MetadataFiles.Readable(cleaned), StringComparison.Ordinal);
        Assert.False(Names(cleaned));
    }

    [Fact]
    public void A_pdf_loses_its_information_in_every_revision_and_its_xmp_with_every_offset_kept()
    {
        var pdf = MetadataFiles.Pdf(Person, Company);
        Assert.True(Names(pdf));

        var cleaned = EvidenceCleaner.Clean(".pdf", pdf);

        Assert.NotNull(cleaned);
        Assert.False(Names(cleaned));
        var before = Encoding.Latin1.GetString(pdf);
        var after = Encoding.Latin1.GetString(cleaned);
        Assert.Equal(pdf.Length, cleaned.Length);
        Assert.Equal(before[before.LastIndexOf("xref", StringComparison.Ordinal)..], after[after.LastIndexOf("xref", StringComparison.Ordinal)..]);
        Assert.Contains($"({MetadataFiles.WhatItSays}) Tj", after, StringComparison.Ordinal);
        Assert.Contains("/Title (", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_whose_information_is_in_a_compressed_object_stream_is_not_cleaned()
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(Encoding.Latin1.GetBytes($"6 0 << /Author ({Person}) >>"));
        }

        var stream = Encoding.Latin1.GetString(packed.ToArray());
        var pdf = Encoding.Latin1.GetBytes($"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {stream.Length} >>\nstream\n{stream}\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Info 6 0 R >>\n%%EOF\n");

        Assert.Null(EvidenceCleaner.Clean(".pdf", pdf));
        Assert.Null(EvidenceCleaner.Clean(".pdf", Encoding.Latin1.GetBytes("%PDF-1.4\n1 0 obj\n<< /Encrypt 2 0 R >>\nendobj\n")));
    }

    [Fact]
    public void A_pdf_loses_the_authors_of_its_comments_and_keeps_what_they_say_its_form_fields_and_every_offset()
    {
        var pdf = MetadataFiles.PdfWithComments(Person);
        Assert.True(Names(pdf));

        var cleaned = EvidenceCleaner.Clean(".pdf", pdf);

        Assert.NotNull(cleaned);
        Assert.False(Names(cleaned));
        var after = Encoding.Latin1.GetString(cleaned);
        Assert.Equal(pdf.Length, cleaned.Length);
        Assert.Equal(Encoding.Latin1.GetString(pdf)[after.LastIndexOf("xref", StringComparison.Ordinal)..], after[after.LastIndexOf("xref", StringComparison.Ordinal)..]);
        Assert.Contains($"/Contents ({MetadataFiles.CommentSays})", after, StringComparison.Ordinal);
        Assert.Contains($"/T ({MetadataFiles.FieldName})", after, StringComparison.Ordinal);
        Assert.Contains($"({MetadataFiles.WhatItSays}) Tj", after, StringComparison.Ordinal);
        Assert.Contains("/DA (/Helv 10 Tf)", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_whose_comment_authors_are_in_a_compressed_object_stream_is_not_cleaned()
    {
        var commented = PdfWithObjectStream($"5 0 << /Type /Annot /Subtype /Text /Rect [0 0 9 9] /T ({Person}) >>");
        var linked = PdfWithObjectStream("5 0 << /Type /Annot /Subtype /Link /Rect [0 0 9 9] >>");

        Assert.Null(EvidenceCleaner.Clean(".pdf", commented));
        Assert.NotNull(EvidenceCleaner.Clean(".pdf", linked));
    }

    private static byte[] PdfWithObjectStream(string objects)
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(Encoding.Latin1.GetBytes(objects));
        }

        var stream = Encoding.Latin1.GetString(packed.ToArray());
        return Encoding.Latin1.GetBytes($"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {stream.Length} >>\nstream\n{stream}\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    }

    [Fact]
    public void A_png_loses_its_text_and_exif_chunks_and_keeps_every_pixel()
    {
        using var image = new Image<Rgba32>(12, 9, new Rgba32(10, 20, 30, 255));
        image[5, 6] = new Rgba32(250, 1, 2, 128);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Artist, Person);
        image.Metadata.GetPngMetadata().TextData.Add(new SixLabors.ImageSharp.Formats.Png.PngTextData("Author", Person, string.Empty, string.Empty));
        using var file = new MemoryStream();
        image.SaveAsPng(file);
        Assert.True(Names(file.ToArray()));

        var cleaned = EvidenceCleaner.Clean(".png", file.ToArray());

        Assert.NotNull(cleaned);
        Assert.False(Names(cleaned));
        using var reread = Image.Load<Rgba32>(cleaned);
        Assert.Equal(image[5, 6], reread[5, 6]);
        Assert.Null(reread.Metadata.ExifProfile);
    }

    [Fact]
    public void Kinds_the_bot_cannot_clean_are_not_cleaned()
    {
        Assert.Null(EvidenceCleaner.Clean(".gif", MetadataFiles.Gif(Person)));
        Assert.Null(EvidenceCleaner.Clean(".eml", Encoding.ASCII.GetBytes($"From: {Person} <o@example.test>\r\n\r\nhello")));
        Assert.Null(EvidenceCleaner.Clean(".docx", Encoding.ASCII.GetBytes("PK not really a document")));
        Assert.Null(EvidenceCleaner.Clean(".jpg", [0xFF, 0xD8, 0xFF, 0xE1, 0x00]));
    }
}
