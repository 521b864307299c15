using System.Reflection;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("IntakeBot.Tests.Infrastructure.LongRunningFirst", "IntakeBot.Tests")]

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Starts the collections of <see cref="LongRunningAttribute"/> classes first, the rest in the
/// order xunit gives them: with a few classes running at once, the longest ones started last would
/// leave the run waiting on one class at its end.</summary>
public sealed class LongRunningFirst : ITestCollectionOrderer
{
    private const string PerClass = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
        => testCollections.OrderBy(c => IsLongRunning(c) ? 0 : 1);

    private static bool IsLongRunning(ITestCollection collection)
        => collection.DisplayName.StartsWith(PerClass, StringComparison.Ordinal)
            && typeof(LongRunningFirst).Assembly.GetType(collection.DisplayName[PerClass.Length..]) is { } type
            && type.GetCustomAttribute<LongRunningAttribute>() is not null;
}
