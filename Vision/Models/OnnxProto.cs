namespace OrleansHall.Vision.Models;

/// <summary>Field numbers of the ONNX protobuf messages (onnx.proto) that <see cref="TfliteToOnnx"/> writes.</summary>
internal static class OnnxProto
{
    /// <summary>The IR version and operator set the written models declare.</summary>
    public const int IrVersion = 8, Opset = 13;

    public static class Model
    {
        public const int IrVersion = 1, ProducerName = 2, Graph = 7, OpsetImport = 8;
    }

    public static class OperatorSetId
    {
        public const int Domain = 1, Version = 2;
    }

    public static class Graph
    {
        public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12;
    }

    public static class Node
    {
        public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5;
    }

    public static class Tensor
    {
        public const int Dims = 1, DataType = 2, Name = 8, RawData = 9;
    }

    public static class Attribute
    {
        public const int Name = 1, Int = 3, String = 4, Ints = 8, Type = 20;
    }

    public static class ValueInfo
    {
        public const int Name = 1, Type = 2;
    }

    public static class TypeProto
    {
        public const int TensorType = 1;
    }

    public static class TensorType
    {
        public const int ElemType = 1, Shape = 2;
    }

    public static class TensorShape
    {
        public const int Dim = 1;
    }

    public static class Dimension
    {
        public const int DimValue = 1, DimParam = 2;
    }
}
