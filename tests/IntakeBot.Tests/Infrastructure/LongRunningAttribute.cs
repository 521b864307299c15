namespace IntakeBot.Tests.Infrastructure;

/// <summary>A test class that takes minutes (bot processes killed and started again, thousands of
/// blobs, the Bicep compiler): <see cref="LongRunningFirst"/> starts it before the quick classes, so
/// that it runs beside them instead of alone at the end of the run.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class LongRunningAttribute : Attribute;
