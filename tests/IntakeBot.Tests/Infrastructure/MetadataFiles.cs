using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;
using Ap = DocumentFormat.OpenXml.ExtendedProperties;
using Op = DocumentFormat.OpenXml.CustomProperties;
using Vt = DocumentFormat.OpenXml.VariantTypes;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Files that name a person in their metadata, made with the libraries that write such files:
/// a Word document (author, last modified by, company, manager, a custom property, a comment's and a
/// tracked change's author), a JPEG (EXIF artist, copyright and GPS, IPTC by-line, XMP creator), a PDF
/// (document information in two revisions, XMP) and a GIF (a comment: a kind the bot cannot clean).</summary>
internal static class MetadataFiles
{
    public const string WhatItSays = "He wrote that I should not come back";

    public static byte[] Docx(string person, string company)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new CommentRangeStart { Id = "1" }, new Run(new W.Text(WhatItSays)), new CommentRangeEnd { Id = "1" }, new Run(new CommentReference { Id = "1" })),
                new Paragraph(new InsertedRun(new Run(new W.Text("and again on Friday"))) { Id = "2", Author = person, Date = DateTime.UtcNow })));
            main.AddNewPart<WordprocessingCommentsPart>().Comments = new Comments(new Comment(new Paragraph(new Run(new W.Text("the chat from Tuesday")))) { Id = "1", Author = person, Initials = "OS" });
            // Where Office keeps them (System.IO.Packaging's own properties go to a folder Office files never have).
            using (var core = new MemoryStream(Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + $"<dc:title>Notes by {person}</dc:title><dc:creator>{person}</dc:creator><cp:lastModifiedBy>{person}</cp:lastModifiedBy></cp:coreProperties>")))
            {
                document.AddCoreFilePropertiesPart().FeedData(core);
            }

            document.AddExtendedFilePropertiesPart().Properties = new Ap.Properties(new Ap.Company(company), new Ap.Manager(person));
            document.AddCustomFilePropertiesPart().Properties = new Op.Properties(
                new Op.CustomDocumentProperty(new Vt.VTLPWSTR(person)) { FormatId = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", PropertyId = 2, Name = "Owner" });
        }

        return stream.ToArray();
    }

    public static byte[] Jpeg(string person, string company)
    {
        using var image = new Image<Rgb24>(40, 30, new Rgb24(200, 40, 40));
        image[3, 4] = new Rgb24(10, 220, 30);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Artist, person);
        exif.SetValue(ExifTag.Copyright, company);
        exif.SetValue(ExifTag.Software, $"{company} Camera");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(52, 1), new Rational(31, 1), new Rational(12, 1)]);
        image.Metadata.ExifProfile = exif;
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.Byline, person);
        image.Metadata.IptcProfile = iptc;
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
            $"<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>{person}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"));
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    /// <summary>A PDF with its information in clear and an earlier revision's information kept by an
    /// incremental update, as editors leave it.</summary>
    public static byte[] Pdf(string person, string company)
    {
        var xmp = $"<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>{person}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
        var content = $"BT /F1 12 Tf 20 100 Td ({WhatItSays}) Tj ET";
        var pdf = new PdfWriter();
        pdf.Object(1, "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>");
        pdf.Object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>");
        pdf.Object(4, $"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        pdf.Object(5, $"<< /Type /Metadata /Subtype /XML /Length {xmp.Length} >>\nstream\n{xmp}\nendstream");
        pdf.Object(6, $"<< /Title (Notes \\(draft\\) by {person}) /Author ({person}) /Company 7 0 R /Producer <{Convert.ToHexString(Encoding.ASCII.GetBytes(company))}> >>");
        pdf.Object(7, $"({company})");
        pdf.Revision("/Root 1 0 R /Info 6 0 R");
        pdf.Object(8, $"<< /Author ({person} again) /Creator ({company} Writer) >>");
        pdf.Revision("/Root 1 0 R /Info 8 0 R");
        return pdf.Bytes();
    }

    /// <summary>A PDF with comments by <paramref name="person"/>: a note with its popup, a highlight inline
    /// in the page's list, and a free-text box whose author is an object of its own; and a form field
    /// named <see cref="FieldName"/>.</summary>
    public static byte[] PdfWithComments(string person)
    {
        var content = $"BT /F1 12 Tf 20 100 Td ({WhatItSays}) Tj ET";
        var pdf = new PdfWriter();
        pdf.Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>");
        pdf.Object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Object(3, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Annots [5 0 R 6 0 R 7 0 R 8 0 R << /Type /Annot /Subtype /Highlight /Rect [20 95 120 115] /T ({person} \\(HR\\)) >>] >>");
        pdf.Object(4, $"<< /Length {content.Length} >>\nstream\n{content}\nendstream");
        pdf.Object(5, $"<< /Type /Annot /Subtype /Text /Rect [20 20 40 40] /Contents ({CommentSays}) /T ({person}) /Popup 7 0 R >>");
        pdf.Object(6, $"<< /Type /Annot /Subtype /Widget /FT /Tx /T ({FieldName}) /Rect [20 150 120 170] >>");
        pdf.Object(7, $"<< /Type /Annot /Subtype /Popup /Parent 5 0 R /T <{Convert.ToHexString(Encoding.ASCII.GetBytes(person))}> >>");
        pdf.Object(8, "<< /Type /Annot /Subtype /FreeText /Rect [150 20 250 60] /T 9 0 R /DA (/Helv 10 Tf) >>");
        pdf.Object(9, $"({person})");
        pdf.Revision("/Root 1 0 R");
        return pdf.Bytes();
    }

    /// <summary>What the note in <see cref="PdfWithComments"/> says: the comment itself, kept.</summary>
    public const string CommentSays = "Seen on Tuesday at the stand-up";

    public const string FieldName = "witness_statement";

    public static byte[] Gif(string person)
    {
        var comment = Encoding.ASCII.GetBytes(person);
        return
        [
            .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
            0x21, 0xFE, (byte)comment.Length, .. comment, 0,
            0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B,
        ];
    }

    /// <summary>Everything a file holds as text: its bytes, and for a zip (Office) every entry's bytes.</summary>
    public static string Readable(byte[] file)
    {
        var all = new StringBuilder(Encoding.Latin1.GetString(file));
        if (file.AsSpan().StartsWith("PK"u8))
        {
            using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                using var entryStream = entry.Open();
                using var copy = new MemoryStream();
                entryStream.CopyTo(copy);
                all.Append('\n').Append(entry.FullName).Append('\n').Append(Readable(copy.ToArray()));
            }
        }

        return all.ToString();
    }

    /// <summary>Writes a PDF object by object with a cross-reference table per revision.</summary>
    private sealed class PdfWriter
    {
        private readonly StringBuilder _text = new("%PDF-1.7\n");
        private readonly Dictionary<int, int> _offsets = [];
        private readonly List<int> _revision = [];
        private int _previous = -1;

        public void Object(int number, string body)
        {
            _offsets[number] = _text.Length;
            _revision.Add(number);
            _text.Append($"{number} 0 obj\n{body}\nendobj\n");
        }

        public void Revision(string trailer)
        {
            var xref = _text.Length;
            _text.Append("xref\n");
            foreach (var number in _revision.Order())
            {
                _text.Append($"{number} 1\n{_offsets[number]:0000000000} 00000 n \n");
            }

            var size = _offsets.Keys.Max() + 1;
            _text.Append($"trailer\n<< /Size {size} {trailer}{(_previous >= 0 ? $" /Prev {_previous}" : string.Empty)} >>\nstartxref\n{xref}\n%%EOF\n");
            _previous = xref;
            _revision.Clear();
        }

        public byte[] Bytes() => Encoding.Latin1.GetBytes(_text.ToString());
    }
}
