namespace OrleansHall.Vision.Models;

/// <summary>Field indices of the TFLite FlatBuffers schema (schema.fbs) that <see cref="TfliteToOnnx"/> reads.</summary>
internal static class TfliteSchema
{
    public static class Model
    {
        public const int OperatorCodes = 1, Subgraphs = 2, Buffers = 4;
    }

    public static class OperatorCode
    {
        // Codes above 127 live in BuiltinCode; older files keep the code in the deprecated byte.
        public const int DeprecatedBuiltinCode = 0, BuiltinCode = 3;
    }

    public static class SubGraph
    {
        public const int Tensors = 0, Inputs = 1, Outputs = 2, Operators = 3;
    }

    public static class Tensor
    {
        public const int Shape = 0, Type = 1, Buffer = 2, Name = 3;
    }

    public static class Buffer
    {
        public const int Data = 0;
    }

    public static class Operator
    {
        public const int OpcodeIndex = 0, Inputs = 1, Outputs = 2, BuiltinOptions = 4;
    }

    public static class Conv2DOptions
    {
        public const int Padding = 0, StrideW = 1, StrideH = 2, Activation = 3, DilationW = 4, DilationH = 5;
    }

    public static class DepthwiseConv2DOptions
    {
        public const int Padding = 0, StrideW = 1, StrideH = 2, DepthMultiplier = 3, Activation = 4, DilationW = 5, DilationH = 6;
    }

    public static class AddOptions
    {
        public const int Activation = 0;
    }

    public static class ConcatenationOptions
    {
        public const int Axis = 0, Activation = 1;
    }
}
