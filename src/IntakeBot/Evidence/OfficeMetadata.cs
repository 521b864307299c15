using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace IntakeBot.Evidence;

/// <summary>Takes what names people out of a Word, Excel or PowerPoint file, with the Open XML SDK: the
/// document properties (author, last modified by, title, subject, keywords, company, manager, template,
/// custom properties), SharePoint's custom XML, the authors of comments and tracked changes (Word's
/// people list, Excel's and PowerPoint's comment authors), the attached template's path, and the
/// metadata of JPEG and PNG pictures inside. What the document says is left as it is.</summary>
public static class OfficeMetadata
{
    /// <summary>The characters of XML read in all: a file whose parts expand past this (a zip bomb) is not cleaned.</summary>
    private const long MaxXmlCharacters = 64L * 1024 * 1024;

    private const string Neutral = "Author";

    private static readonly HashSet<string> PersonElements = new(StringComparer.Ordinal) { "person", "cmAuthor", "author" };

    private static readonly HashSet<string> PersonAttributes = new(StringComparer.Ordinal) { "name", "displayName", "userId", "providerId", "initials", "author" };

    /// <summary>The document without them, or null when it cannot be opened or cleaned.</summary>
    public static byte[]? Strip(byte[] document, string extension)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        stream.Write(document);
        stream.Position = 0;
        var settings = new OpenSettings { AutoSave = true, MaxCharactersInPart = MaxXmlCharacters };
        try
        {
            using (OpenXmlPackage? package = extension switch
            {
                ".docx" => WordprocessingDocument.Open(stream, true, settings),
                ".xlsx" => SpreadsheetDocument.Open(stream, true, settings),
                ".pptx" => PresentationDocument.Open(stream, true, settings),
                _ => null,
            })
            {
                if (package is null)
                {
                    return null;
                }

                Clean(package);
            }

            return stream.ToArray();
        }
        catch (Exception e) when (e is OpenXmlPackageException or XmlException or InvalidDataException or IOException or InvalidOperationException or ArgumentException or NotSupportedException or FormatException)
        {
            return null;
        }
    }

    private static void Clean(OpenXmlPackage package)
    {
        var properties = package.PackageProperties;
        properties.Creator = null;
        properties.LastModifiedBy = null;
        properties.Title = null;
        properties.Subject = null;
        properties.Keywords = null;
        properties.Description = null;
        properties.Category = null;
        properties.ContentStatus = null;
        properties.Identifier = null;
        properties.Version = null;
        properties.Revision = null;
        properties.LastPrinted = null;

        DeleteAll<ExtendedFilePropertiesPart>(package);
        DeleteAll<CustomFilePropertiesPart>(package);
        DeleteAll<CustomXmlPart>(package);
        DeleteAll<WordprocessingPeoplePart>(package);

        var budget = MaxXmlCharacters;
        foreach (var part in package.GetAllParts().ToList())
        {
            foreach (var template in part.ExternalRelationships.Where(r => r.RelationshipType.EndsWith("/attachedTemplate", StringComparison.Ordinal)).ToList())
            {
                part.DeleteExternalRelationship(template);
            }

            if (part.ContentType.EndsWith("xml", StringComparison.OrdinalIgnoreCase))
            {
                budget -= Scrub(part, budget);
            }
            else if (part.ContentType is "image/jpeg" or "image/png")
            {
                Picture(part);
            }
        }
    }

    /// <summary>Deletes every part of the type, found first and then deleted: deleting a part also
    /// destroys the parts only it refers to.</summary>
    private static void DeleteAll<T>(OpenXmlPackage package)
        where T : OpenXmlPart
    {
        OpenXmlPartContainer[] containers = [package, .. package.GetAllParts()];
        var found = containers.SelectMany(c => c.GetPartsOfType<T>().Select(part => (Container: c, Part: part))).ToList();
        foreach (var (container, part) in found)
        {
            container.DeletePart(part);
        }
    }

    private static void Picture(OpenXmlPart part)
    {
        using var read = new MemoryStream();
        using (var input = part.GetStream(FileMode.Open, FileAccess.Read))
        {
            input.CopyTo(read);
        }

        var stripped = part.ContentType == "image/jpeg" ? JpegMetadata.Strip(read.ToArray()) : PngMetadata.Strip(read.ToArray());
        if (stripped is null)
        {
            throw new InvalidDataException("A picture in the document could not be cleaned.");
        }

        using var output = new MemoryStream(stripped);
        part.FeedData(output);
    }

    /// <summary>Copies the part's XML node by node with the names of people replaced; returns the
    /// characters it read.</summary>
    private static long Scrub(OpenXmlPart part, long budget)
    {
        using var output = new MemoryStream();
        long read;
        using (var input = part.GetStream(FileMode.Open, FileAccess.Read))
        {
            var readerSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = Math.Max(1, budget), CloseInput = false };
            var writerSettings = new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false, NewLineHandling = NewLineHandling.None };
            using var reader = XmlReader.Create(input, readerSettings);
            using (var writer = XmlWriter.Create(output, writerSettings))
            {
                Copy(reader, writer);
            }

            read = input.CanSeek ? input.Length : output.Length;
        }

        output.Position = 0;
        part.FeedData(output);
        return read;
    }

    private static void Copy(XmlReader reader, XmlWriter writer)
    {
        var authorText = 0;
        reader.Read();
        while (!reader.EOF)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                    if (reader.GetAttribute("standalone") is { } standalone)
                    {
                        writer.WriteStartDocument(standalone == "yes");
                    }
                    else
                    {
                        writer.WriteStartDocument();
                    }

                    break;
                case XmlNodeType.Element when reader.LocalName is "attachedTemplate" or "presenceInfo":
                    // The template's path names the author's profile folder; presence info holds a sign-in name.
                    reader.Skip();
                    continue;
                case XmlNodeType.Element:
                    var empty = reader.IsEmptyElement;
                    var person = PersonElements.Contains(reader.LocalName);
                    writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, Attribute(reader, person));
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    if (empty)
                    {
                        writer.WriteEndElement();
                    }
                    else if (reader.LocalName == "author" || authorText > 0)
                    {
                        // Excel's comment authors are the text of <author> elements.
                        authorText++;
                    }

                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    authorText = Math.Max(0, authorText - 1);
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(authorText > 0 ? Neutral : reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(authorText > 0 ? Neutral : reader.Value);
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    writer.WriteProcessingInstruction(reader.Name, reader.Value);
                    break;
                default:
                    // XML comments are left out: they can carry anything.
                    break;
            }

            reader.Read();
        }
    }

    /// <summary>An attribute's value, with a person's name, initials or sign-in replaced.</summary>
    private static string Attribute(XmlReader reader, bool person)
    {
        if (reader.Prefix == "xmlns" || reader.LocalName == "xmlns")
        {
            return reader.Value;
        }

        return reader.LocalName switch
        {
            "author" => Neutral,
            "initials" => string.Empty,
            _ when person && PersonAttributes.Contains(reader.LocalName) => reader.LocalName is "name" or "displayName" ? Neutral : string.Empty,
            _ => reader.Value,
        };
    }
}
