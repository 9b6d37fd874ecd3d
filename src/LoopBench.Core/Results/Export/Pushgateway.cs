using System.Globalization;
using System.Text;

namespace LoopBench.Core.Results.Export;

/// <summary>A push to a Pushgateway failed: unreachable, timed out, or refused with a status.</summary>
internal sealed class PushgatewayException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends a run to a Prometheus Pushgateway, for hosts without a node_exporter: one group per host
/// and scenario (<c>/metrics/job/loopbench/host/H/scenario/S</c>), replaced by each push (PUT), so
/// the gateway holds each host's latest run of each scenario.
/// </summary>
internal static class Pushgateway
{
    /// <summary>The job label of every group.</summary>
    public const string Job = "loopbench";

    /// <summary>The Pushgateway's parser reads the text format 0.0.4, not OpenMetrics.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>How long one push may take, connect included. A gateway slower than this is reported, not waited for.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The group's URL under <paramref name="gateway"/> (its base, e.g. http://pushgateway:9091).</summary>
    public static Uri GroupUri(Uri gateway, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(run);
        string path = "metrics/job/" + Job + "/" + Segment("host", run.Environment.Hostname) + "/" + Segment("scenario", OpenMetricsExporter.ScenarioOf(run));
        string baseText = gateway.AbsoluteUri.EndsWith('/') ? gateway.AbsoluteUri : gateway.AbsoluteUri + "/";
        return new Uri(new Uri(baseText), path);
    }

    /// <summary>PUTs <paramref name="run"/> to its group; throws <see cref="PushgatewayException"/> with the gateway's answer on failure.</summary>
    public static void Push(HttpClient client, Uri gateway, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(client);
        var uri = GroupUri(gateway, run);
        using var request = new HttpRequestMessage(HttpMethod.Put, uri)
        {
            Content = new StringContent(OpenMetricsExporter.WriteText004(run), new UTF8Encoding(false)),
        };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        HttpResponseMessage response;
        try
        {
            response = client.Send(request);
        }
        catch (HttpRequestException ex)
        {
            throw new PushgatewayException($"push to {uri} failed: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex)
        {
            throw new PushgatewayException(string.Create(CultureInfo.InvariantCulture, $"push to {uri} failed: no answer within {client.Timeout.TotalSeconds:0} s"), ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                using var reader = new StreamReader(response.Content.ReadAsStream());
                string body = reader.ReadToEnd().Trim();
                throw new PushgatewayException($"push to {uri} failed: {(int)response.StatusCode} {response.ReasonPhrase}" + (body.Length > 0 ? ": " + body : string.Empty));
            }
        }
    }

    /// <summary>
    /// "host/bench-1"; a value the path cannot carry as is (empty, or with a '/') in the gateway's
    /// base64url form, "host@base64/…".
    /// </summary>
    private static string Segment(string label, string value) =>
        value.Length == 0 || value.Contains('/', StringComparison.Ordinal)
            ? label + "@base64/" + (value.Length == 0 ? "=" : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).Replace('+', '-').Replace('/', '_'))
            : label + "/" + Uri.EscapeDataString(value);
}
