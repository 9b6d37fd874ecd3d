namespace LoopBench.Core.Sandbox;

/// <summary>A sandbox setting with a bad value; names the setting (e.g. "mtu", "qdisc") for the caller's flag or key.</summary>
internal sealed class SandboxSettingsException : Exception
{
    /// <summary>Creates the exception for <paramref name="setting"/>.</summary>
    public SandboxSettingsException(string setting, string message)
        : base($"{setting}: {message}")
    {
        Setting = setting;
    }

    /// <summary>Creates the exception without a setting.</summary>
    public SandboxSettingsException()
    {
        Setting = string.Empty;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SandboxSettingsException(string message)
        : base(message)
    {
        Setting = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SandboxSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    /// <summary>The setting's name, e.g. "qdisc".</summary>
    public string Setting { get; }
}
