using System.Text.Json;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Cards;

public static class PlainAnswers
{
    /// <summary>A copy of the answers with every string escaped, whatever sections the flows have.</summary>
    public static IntakeAnswers Of(IntakeAnswers answers)
    {
        var node = JsonSerializer.SerializeToNode(answers)!;
        Escape(node);
        return node.Deserialize<IntakeAnswers>()!;
    }

    private static void Escape(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        o[key] = PlainText.Escape(s);
                    }
                    else if (value is not null)
                    {
                        Escape(value);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        a[i] = PlainText.Escape(s);
                    }
                    else if (a[i] is { } child)
                    {
                        Escape(child);
                    }
                }

                break;
        }
    }
}
