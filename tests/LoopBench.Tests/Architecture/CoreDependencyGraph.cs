using System.Text;
using LoopBench.Core.Scenarios;
using Mono.Cecil;

namespace LoopBench.Tests.Architecture;

/// <summary>
/// The namespace dependency graph of LoopBench.Core, read from the compiled assembly rather than from
/// <c>using</c> lines, so a fully qualified name or an implicit reference cannot slip past it. A type
/// depends on every Core type named in its base type, interfaces, attributes, generic constraints,
/// fields, properties, events, method signatures, locals, catch clauses and the type, method and
/// field tokens of its method bodies' IL. Nested types (closures, async state machines, lambdas'
/// display classes) count for their outermost declaring type.
/// </summary>
/// <remarks>
/// Each namespace is its own node, sub-namespaces included, so a folder rule can name
/// <c>Results.Export</c> alone (Export reads Results only). Cycles are sought between layers, the
/// top-level folders of Core that docs/layers.md orders: a sub-namespace is part of its parent's
/// layer (<c>Running.Patterns</c> are the Runner's plug-ins, called by it and handed its flows and
/// figures), as a folder's files may use each other both ways.
/// </remarks>
internal sealed class CoreDependencyGraph
{
    private const string CoreNamespace = "LoopBench.Core";
    private const string RootNode = "(root)";
    private const int ExamplesPerEdge = 3;

    private static readonly Lazy<CoreDependencyGraph> Loaded = new(() => Read(typeof(Case).Assembly.Location));

    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> edges = new(StringComparer.Ordinal);

    private CoreDependencyGraph()
    {
    }

    public static CoreDependencyGraph Instance => Loaded.Value;

    /// <summary>Every node (namespace below LoopBench.Core, "(root)" for LoopBench.Core itself) that has a type.</summary>
    public SortedSet<string> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>The node a namespace maps to: the part after <c>LoopBench.Core.</c>.</summary>
    public static string NodeOf(string ns) => ns == CoreNamespace ? RootNode : ns[(CoreNamespace.Length + 1)..];

    /// <summary>True when <paramref name="node"/> is <paramref name="folder"/> or lies below it (Running.Patterns is in Running).</summary>
    public static bool IsIn(string node, string folder) =>
        node == folder || node.StartsWith(folder + ".", StringComparison.Ordinal);

    public IEnumerable<string> Targets(string from) =>
        edges.TryGetValue(from, out var to) ? to.Keys : [];

    /// <summary>One line per edge from a node in <paramref name="fromFolder"/> that <paramref name="isForbidden"/> rejects, with example type pairs.</summary>
    public IReadOnlyList<string> Offenders(string fromFolder, Func<string, bool> isForbidden) =>
        [.. edges.Where(e => IsIn(e.Key, fromFolder))
            .SelectMany(e => e.Value.Where(t => isForbidden(t.Key)).Select(t => Describe(e.Key, t.Key)))];

    /// <summary>"A -> B (X uses Y, ...; n type pairs)": what a reader moves to break the edge.</summary>
    public string Describe(string from, string to)
    {
        var pairs = edges[from][to];
        return $"{from} -> {to} ({string.Join(", ", pairs.Take(ExamplesPerEdge))}{(pairs.Count > ExamplesPerEdge ? ", ..." : "")}; {pairs.Count} type pair(s))";
    }

    /// <summary>The layer a node belongs to: its top-level folder ("Running.Patterns" is in "Running").</summary>
    public static string LayerOf(string node) => node.Split('.')[0];

    /// <summary>The layers a layer's types use.</summary>
    public IEnumerable<string> LayerTargets(string layer) =>
        Nodes.Where(n => LayerOf(n) == layer).SelectMany(Targets).Select(LayerOf).Where(l => l != layer).Distinct(StringComparer.Ordinal);

    /// <summary>The strongly connected components of the layer graph with more than one layer: each is one or more cycles.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CycleGroups()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<string>>();

        void Connect(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in LayerTargets(v))
            {
                if (!index.ContainsKey(w))
                {
                    Connect(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var group = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    group.Add(w);
                }
                while (w != v);
                if (group.Count > 1)
                {
                    group.Sort(StringComparer.Ordinal);
                    groups.Add(group);
                }
            }
        }

        foreach (string layer in Nodes.Select(LayerOf).Distinct(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(layer))
            {
                Connect(layer);
            }
        }

        return groups;
    }

    /// <summary>A report of every cycle group and the namespace edges inside it, empty when the layers are acyclic.</summary>
    public string DescribeCycles()
    {
        var text = new StringBuilder();
        foreach (var group in CycleGroups())
        {
            text.Append("cycle among {").AppendJoin(", ", group).AppendLine("}:");
            foreach (string from in Nodes.Where(n => group.Contains(LayerOf(n))))
            {
                foreach (string to in Targets(from).Where(t => group.Contains(LayerOf(t)) && LayerOf(t) != LayerOf(from)))
                {
                    text.Append("  ").AppendLine(Describe(from, to));
                }
            }
        }

        return text.ToString();
    }

    private static CoreDependencyGraph Read(string assemblyPath)
    {
        var graph = new CoreDependencyGraph();
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        foreach (var type in assembly.MainModule.Types.Where(t => IsCore(t.Namespace)))
        {
            graph.Nodes.Add(NodeOf(type.Namespace));
            new TypeVisitor(graph, type).Visit(type);
        }

        return graph;
    }

    private static bool IsCore(string ns) =>
        ns == CoreNamespace || ns.StartsWith(CoreNamespace + ".", StringComparison.Ordinal);

    private void AddEdge(TypeDefinition owner, TypeReference target)
    {
        var top = target;
        while (top.DeclaringType is not null)
        {
            top = top.DeclaringType;
        }

        if (!IsCore(top.Namespace) || top.Namespace == owner.Namespace)
        {
            return;
        }

        string from = NodeOf(owner.Namespace);
        if (!edges.TryGetValue(from, out var targets))
        {
            edges[from] = targets = new(StringComparer.Ordinal);
        }

        string to = NodeOf(top.Namespace);
        if (!targets.TryGetValue(to, out var pairs))
        {
            targets[to] = pairs = new(StringComparer.Ordinal);
        }

        pairs.Add(owner.Name + " uses " + top.Name);
    }

    /// <summary>Walks one top-level type and its nested types, adding every Core type they name.</summary>
    private sealed class TypeVisitor(CoreDependencyGraph graph, TypeDefinition owner)
    {
        public void Visit(TypeDefinition type)
        {
            Add(type.BaseType);
            foreach (var i in type.Interfaces)
            {
                Add(i.InterfaceType);
                Add(i.CustomAttributes);
            }

            Add(type.CustomAttributes);
            Add(type.GenericParameters);
            foreach (var field in type.Fields)
            {
                Add(field.FieldType);
                Add(field.CustomAttributes);
            }

            foreach (var property in type.Properties)
            {
                Add(property.PropertyType);
                Add(property.CustomAttributes);
            }

            foreach (var e in type.Events)
            {
                Add(e.EventType);
                Add(e.CustomAttributes);
            }

            foreach (var method in type.Methods)
            {
                Visit(method);
            }

            foreach (var nested in type.NestedTypes)
            {
                Visit(nested);
            }
        }

        private void Visit(MethodDefinition method)
        {
            AddSignature(method);
            Add(method.CustomAttributes);
            Add(method.MethodReturnType.CustomAttributes);
            Add(method.GenericParameters);
            foreach (var p in method.Parameters)
            {
                Add(p.CustomAttributes);
            }

            foreach (var o in method.Overrides)
            {
                Add(o);
            }

            if (!method.HasBody)
            {
                return;
            }

            foreach (var v in method.Body.Variables)
            {
                Add(v.VariableType);
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                Add(handler.CatchType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference m:
                        Add(m);
                        break;
                    case FieldReference f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                    case CallSite site:
                        AddSignature(site);
                        break;
                }
            }
        }

        private void Add(MethodReference method)
        {
            Add(method.DeclaringType);
            AddSignature(method);
            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
        }

        private void AddSignature(IMethodSignature signature)
        {
            Add(signature.ReturnType);
            foreach (var p in signature.Parameters)
            {
                Add(p.ParameterType);
            }
        }

        private void Add(IEnumerable<GenericParameter> parameters)
        {
            foreach (var p in parameters)
            {
                Add(p.CustomAttributes);
                foreach (var c in p.Constraints)
                {
                    Add(c.ConstraintType);
                }
            }
        }

        private void Add(IEnumerable<CustomAttribute> attributes)
        {
            foreach (var a in attributes)
            {
                Add(a.AttributeType);
                foreach (var argument in a.ConstructorArguments.Concat(a.Properties.Select(p => p.Argument)).Concat(a.Fields.Select(f => f.Argument)))
                {
                    Add(argument.Type);
                    if (argument.Value is TypeReference typeOf)
                    {
                        Add(typeOf);
                    }
                }
            }
        }

        private void Add(TypeReference? type)
        {
            switch (type)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }

                    return;
                case FunctionPointerType pointer:
                    AddSignature(pointer);
                    return;
                case IModifierType modified:
                    Add(modified.ModifierType);
                    Add(modified.ElementType);
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                default:
                    graph.AddEdge(owner, type);
                    return;
            }
        }
    }
}
