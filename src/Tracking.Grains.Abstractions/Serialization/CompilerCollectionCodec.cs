using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.WireProtocol;

namespace Tracking.Grains.Serialization;

/// <summary>
/// A collection expression given to an <c>IReadOnlyList&lt;T&gt;</c> makes a read-only collection of
/// a type the compiler writes into each assembly (<c>&lt;&gt;z__ReadOnlyArray&lt;T&gt;</c>), which no
/// codec knows. Such a collection crosses silos as the array it holds; it is never changed, so a
/// call within a silo passes it as it is.
/// </summary>
internal sealed class CompilerCollectionCodec : IGeneralizedCodec, IGeneralizedCopier
{
    private static readonly ConcurrentDictionary<Type, Type> s_elementTypes = new();

    public static bool IsCompilerCollection(Type type) => type.Name.StartsWith("<>z__ReadOnly", StringComparison.Ordinal);

    public bool IsSupportedType(Type type) => IsCompilerCollection(type);

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, object? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        var collection = (ICollection)value!;
        var array = Array.CreateInstance(s_elementTypes.GetOrAdd(value!.GetType(), ElementType), collection.Count);
        collection.CopyTo(array, 0);
        writer.Session.CodecProvider.GetCodec(array.GetType()).WriteField(ref writer, fieldIdDelta, expectedType, array);
    }

    /// <summary>Never called: what is written is an array, which the array codec reads.</summary>
    public object? ReadValue<TInput>(ref Reader<TInput> reader, Field field) =>
        throw new InvalidOperationException("A compiler-made collection is written as an array and read as one.");

    public object? DeepCopy(object? input, CopyContext context) => input;

    private static Type ElementType(Type collection) =>
        collection.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)).GetGenericArguments()[0];
}
