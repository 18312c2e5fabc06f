using System.Text.RegularExpressions;
using DiuParibahan.Hosting.Cluster;
using YamlDotNet.RepresentationModel;

namespace DiuParibahan.Hosting.Tests.Deploy;

/// <summary>
/// The container files start as written: compose and the Kubernetes manifests give each host every setting it refuses
/// to start without (<see cref="RequiredSettings"/>), and every secret the manifests read is one the docs tell
/// operators to create.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("web", "Dockerfile.web")]
    [InlineData("silo", "Dockerfile.silo")]
    public void Compose_GivesEachHostEverySettingItRequires(string service, string dockerfile)
    {
        var compose = Load(Path.Combine(Root, "deploy", "docker", "compose.yaml")).Single();
        var environment = ComposeEnvironment(compose, service);
        foreach (var (key, value) in DockerfileEnvironment(Path.Combine(Root, "deploy", "docker", dockerfile)))
        {
            environment.TryAdd(key, value);
        }

        var missing = Required(service).Where(s => !Provided(environment, s.Key)).Select(s => s.Key).ToList();

        Assert.True(missing.Count == 0, $"compose service '{service}' lacks: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("web.yaml", "web")]
    [InlineData("silo.yaml", "silo")]
    public void KubernetesDeployment_GivesEachHostEverySettingItRequires(string file, string host)
    {
        var names = KubernetesEnvironment(Path.Combine(Root, "deploy", "k8s", file)).Select(e => e.Name).ToHashSet();

        var missing = Required(host).Select(s => RequiredSettings.EnvironmentName(s.Key)).Where(n => !names.Contains(n)).ToList();

        Assert.True(missing.Count == 0, $"deploy/k8s/{file} lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void KubernetesSecretKeys_AreAllCreatedByTheCommandInTheDocs()
    {
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "cluster.md"));
        var keys = Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml")
            .SelectMany(KubernetesEnvironment)
            .Where(e => e.SecretKey is not null && !e.Optional)
            .Select(e => e.SecretKey!)
            .Distinct()
            .ToList();

        Assert.NotEmpty(keys);
        var undocumented = keys.Where(k => !docs.Contains($"--from-literal={k}=", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"docs/cluster.md does not create secret keys: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void RequiredSettings_AreNamedByTheirEnvironmentVariables()
    {
        Assert.Equal("ConnectionStrings__Orleans", RequiredSettings.EnvironmentName("ConnectionStrings:Orleans"));
        Assert.Contains(RequiredSettings.WebFrontend, s => s.Key == "Auth:SigningKey");
        Assert.Contains(RequiredSettings.WebFrontend, s => s.Key == "Tickets:SigningKey");
    }

    private static IReadOnlyList<RequiredSetting> Required(string host) => host == "web" ? RequiredSettings.WebFrontend : RequiredSettings.Silo;

    // A value counts when it is non-empty and every variable in it is one compose insists on (${NAME:?…});
    // ${NAME:-} or a bare ${NAME} may come out empty.
    private static bool Provided(Dictionary<string, string> environment, string key) =>
        environment.TryGetValue(RequiredSettings.EnvironmentName(key), out var value)
        && value.Length > 0
        && Variable().Matches(value).All(v => RequiredVariable().IsMatch(v.Value));

    private static Dictionary<string, string> ComposeEnvironment(YamlMappingNode compose, string service)
    {
        var node = (YamlMappingNode)((YamlMappingNode)compose["services"])[service];
        var result = new Dictionary<string, string>();
        if (node.Children.TryGetValue(new YamlScalarNode("environment"), out var environment))
        {
            Flatten((YamlMappingNode)environment, result);
        }
        return result;
    }

    // YAML merge keys (<<: *anchor) are resolved by hand: the representation model keeps them as ordinary keys.
    private static void Flatten(YamlMappingNode mapping, Dictionary<string, string> into)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (((YamlScalarNode)key).Value == "<<")
            {
                Flatten((YamlMappingNode)value, into);
            }
            else
            {
                into[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value ?? "";
            }
        }
    }

    private static IEnumerable<(string Key, string Value)> DockerfileEnvironment(string path)
    {
        var text = File.ReadAllText(path).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in text.Split('\n').Where(l => l.TrimStart().StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (Match pair in DockerfilePair().Matches(line.TrimStart()[4..]))
            {
                yield return (pair.Groups["key"].Value, pair.Groups["value"].Value);
            }
        }
    }

    private static IEnumerable<(string Name, string? SecretKey, bool Optional)> KubernetesEnvironment(string path)
    {
        foreach (var document in Load(path))
        {
            if (Scalar(document, "kind") != "Deployment")
            {
                continue;
            }
            var spec = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)document["spec"])["template"])["spec"];
            foreach (YamlMappingNode container in (YamlSequenceNode)spec["containers"])
            {
                if (!container.Children.TryGetValue(new YamlScalarNode("env"), out var env))
                {
                    continue;
                }
                foreach (YamlMappingNode entry in (YamlSequenceNode)env)
                {
                    var name = Scalar(entry, "name")!;
                    if (entry.Children.TryGetValue(new YamlScalarNode("valueFrom"), out var from)
                        && ((YamlMappingNode)from).Children.TryGetValue(new YamlScalarNode("secretKeyRef"), out var secret))
                    {
                        var reference = (YamlMappingNode)secret;
                        yield return (name, Scalar(reference, "key"), Scalar(reference, "optional") == "true");
                    }
                    else if (entry.Children.ContainsKey(new YamlScalarNode("valueFrom")) || Scalar(entry, "value") is { Length: > 0 })
                    {
                        yield return (name, null, false);
                    }
                }
            }
        }
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private static IReadOnlyList<YamlMappingNode> Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiuParibahan.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (DiuParibahan.sln) was not found above the test binaries.");
    }

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\$\{[A-Z0-9_]+:\?[^}]*\}$")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex DockerfilePair();
}
