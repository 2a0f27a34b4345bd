using System.Runtime.InteropServices;
using Onnx = OrleansHall.Vision.Models.OnnxProto;
using Tfl = OrleansHall.Vision.Models.TfliteSchema;

namespace OrleansHall.Vision.Models;

/// <summary>
/// Converts a TFLite convolutional network into an ONNX model, in memory, so ONNX Runtime runs it like the face models.
/// It knows the operators of the SSD person detector we ship (2-D and depthwise convolutions with fused ReLU/ReLU6,
/// additions, reshapes, concatenations, and the dequantisation of float16 weights) and refuses any other, naming it.
/// TFLite lays images out NHWC and ONNX convolutions want NCHW: the input is transposed once, weights are transposed
/// here, and a tensor goes back to NHWC only where the TFLite graph reshapes it or hands it out, so every output has
/// exactly the shape and element order the TFLite model gives. The batch dimension is left free, so one run can score
/// several images.
/// </summary>
public static class TfliteToOnnx
{
    public static byte[] Convert(byte[] tflite)
    {
        ArgumentNullException.ThrowIfNull(tflite);
        return new Conversion(tflite).Run();
    }

    // TFLite builtin operator codes and tensor types (schema.fbs).
    private const int Add = 0, Concatenation = 2, Conv2D = 3, DepthwiseConv2D = 4, Dequantize = 6, Reshape = 22;
    private const sbyte Float32 = 0, Float16 = 1;

    // ONNX tensor element types and attribute types (onnx.proto).
    private const int OnnxFloat = 1, OnnxInt64 = 7, AttributeInt = 2, AttributeString = 3, AttributeInts = 7;

    private sealed class Conversion(byte[] bytes)
    {
        private readonly FlatBufferTable _model = FlatBufferTable.Root(bytes, "TFL3");
        private readonly Dictionary<int, float[]> _constants = [];
        private readonly Dictionary<int, string> _values = [];
        private readonly HashSet<int> _channelsFirst = [];
        private readonly List<ProtoWriter> _nodes = [];
        private readonly List<ProtoWriter> _initializers = [];
        private IReadOnlyList<FlatBufferTable> _tensors = [];
        private int _names;

        public byte[] Run()
        {
            var codes = _model.Tables(Tfl.Model.OperatorCodes).Select(c => Math.Max(c.Scalar<sbyte>(Tfl.OperatorCode.DeprecatedBuiltinCode, 0), c.Scalar<int>(Tfl.OperatorCode.BuiltinCode, 0))).ToArray();
            var graphs = _model.Tables(Tfl.Model.Subgraphs);
            if (graphs.Count == 0)
            {
                throw new InvalidDataException("The TFLite model has no subgraph.");
            }

            var graph = graphs[0];
            _tensors = graph.Tables(Tfl.SubGraph.Tensors);
            ReadConstants(_model.Tables(Tfl.Model.Buffers));
            var inputs = graph.Ints(Tfl.SubGraph.Inputs).Select(Input).ToList();
            foreach (var op in graph.Tables(Tfl.SubGraph.Operators))
            {
                Operator(codes[op.Scalar<uint>(Tfl.Operator.OpcodeIndex, 0)], op);
            }

            var outputs = graph.Ints(Tfl.SubGraph.Outputs).Select(Output).ToList();
            var body = new ProtoWriter();
            _nodes.ForEach(n => body.Message(Onnx.Graph.Node, n));
            body.String(Onnx.Graph.Name, "tflite");
            _initializers.ForEach(t => body.Message(Onnx.Graph.Initializer, t));
            inputs.ForEach(v => body.Message(Onnx.Graph.Input, v));
            outputs.ForEach(v => body.Message(Onnx.Graph.Output, v));
            return new ProtoWriter()
                .Int(Onnx.Model.IrVersion, Onnx.IrVersion)
                .String(Onnx.Model.ProducerName, "OrleansHall.TfliteToOnnx")
                .Message(Onnx.Model.Graph, body)
                .Message(Onnx.Model.OpsetImport, new ProtoWriter().String(Onnx.OperatorSetId.Domain, "").Int(Onnx.OperatorSetId.Version, Onnx.Opset))
                .ToArray();
        }

        private void ReadConstants(IReadOnlyList<FlatBufferTable> buffers)
        {
            for (var i = 0; i < _tensors.Count; i++)
            {
                var data = buffers[(int)_tensors[i].Scalar<uint>(Tfl.Tensor.Buffer, 0)].Bytes(Tfl.Buffer.Data).Span;
                if (data.IsEmpty)
                {
                    continue;
                }

                switch (_tensors[i].Scalar<sbyte>(Tfl.Tensor.Type, 0))
                {
                    case Float32:
                        _constants[i] = MemoryMarshal.Cast<byte, float>(data).ToArray();
                        break;
                    case Float16:
                        _constants[i] = [.. MemoryMarshal.Cast<byte, Half>(data).ToArray().Select(h => (float)h)];
                        break;
                }
            }
        }

        private ProtoWriter Input(int tensor)
        {
            var name = Name(tensor);
            var shape = Shape(tensor);
            if (shape.Length == 4)
            {
                _values[tensor] = Node("Transpose", [name], $"{name}_nchw", Ints("perm", 0, 3, 1, 2));
                _channelsFirst.Add(tensor);
            }
            else
            {
                _values[tensor] = name;
            }

            return ValueInfo(name, shape);
        }

        private ProtoWriter Output(int tensor)
        {
            var name = Name(tensor);
            Node(_channelsFirst.Contains(tensor) ? "Transpose" : "Identity", [Value(tensor)], name,
                _channelsFirst.Contains(tensor) ? [Ints("perm", 0, 2, 3, 1)] : []);
            return ValueInfo(name, Shape(tensor));
        }

        private void Operator(int code, FlatBufferTable op)
        {
            var inputs = op.Ints(Tfl.Operator.Inputs);
            var output = op.Ints(Tfl.Operator.Outputs)[0];
            var options = op.Table(Tfl.Operator.BuiltinOptions);
            var name = $"t{output}";
            switch (code)
            {
                case Dequantize when _constants.TryGetValue(inputs[0], out var values):
                    _constants[output] = values;
                    break;
                case Conv2D:
                    Convolution(inputs, output, name, options!.Value, depthwise: false);
                    break;
                case DepthwiseConv2D:
                    Convolution(inputs, output, name, options!.Value, depthwise: true);
                    break;
                case Add when inputs.All(i => !_constants.ContainsKey(i)):
                    _values[output] = Activation(Node("Add", [.. inputs.Select(Value)], $"{name}_sum"), options?.Scalar<sbyte>(Tfl.AddOptions.Activation, 0) ?? 0, name);
                    if (inputs.Any(_channelsFirst.Contains))
                    {
                        _channelsFirst.Add(output);
                    }

                    break;
                case Reshape:
                    var source = Value(inputs[0]);
                    if (_channelsFirst.Contains(inputs[0]))
                    {
                        source = Node("Transpose", [source], $"{name}_nhwc", Ints("perm", 0, 2, 3, 1));
                    }

                    // 0 keeps the batch dimension of the input (ONNX Reshape), so the model runs on several tiles at once.
                    var target = Shape(output).Select((d, i) => i == 0 && d == 1 ? 0L : d).ToArray();
                    var shape = Initializer($"{name}_shape", [target.Length], OnnxInt64, MemoryMarshal.AsBytes(target.AsSpan()));
                    _values[output] = Node("Reshape", [source, shape], name);
                    break;
                case Concatenation:
                    var axis = options!.Value.Scalar<int>(Tfl.ConcatenationOptions.Axis, 0);
                    var allFirst = inputs.All(_channelsFirst.Contains);
                    if (!allFirst && inputs.Any(_channelsFirst.Contains))
                    {
                        throw new NotSupportedException($"TFLite concatenation {name} mixes image and flat tensors.");
                    }

                    var rank = Shape(output).Length;
                    // NHWC axis -> NCHW axis: N stays, H and W move one right, C goes to 1.
                    var onnxAxis = allFirst ? new[] { 0, 2, 3, 1 }[(axis + rank) % rank] : axis;
                    _values[output] = Activation(Node("Concat", [.. inputs.Select(Value)], $"{name}_cat", Int("axis", onnxAxis)), options.Value.Scalar<sbyte>(Tfl.ConcatenationOptions.Activation, 0), name);
                    if (allFirst)
                    {
                        _channelsFirst.Add(output);
                    }

                    break;
                default:
                    throw new NotSupportedException($"TFLite operator {code} (for tensor '{Name(output)}') is not supported by this converter.");
            }
        }

        private void Convolution(int[] inputs, int output, string name, FlatBufferTable options, bool depthwise)
        {
            // Both options tables start padding, stride_w, stride_h; the depthwise one puts depth_multiplier before the rest.
            var padding = options.Scalar<sbyte>(Tfl.Conv2DOptions.Padding, 0);
            var (strideW, strideH) = (options.Scalar(Tfl.Conv2DOptions.StrideW, 1), options.Scalar(Tfl.Conv2DOptions.StrideH, 1));
            var activation = options.Scalar<sbyte>(depthwise ? Tfl.DepthwiseConv2DOptions.Activation : Tfl.Conv2DOptions.Activation, 0);
            var (dilationW, dilationH) = depthwise
                ? (options.Scalar(Tfl.DepthwiseConv2DOptions.DilationW, 1), options.Scalar(Tfl.DepthwiseConv2DOptions.DilationH, 1))
                : (options.Scalar(Tfl.Conv2DOptions.DilationW, 1), options.Scalar(Tfl.Conv2DOptions.DilationH, 1));
            var weightShape = Shape(inputs[1]);
            // TFLite: conv [out, kh, kw, in], depthwise [1, kh, kw, channels]; ONNX: [out, in/group, kh, kw].
            var (weights, onnxShape) = Transpose4(Constant(inputs[1]), weightShape, depthwise ? [3, 0, 1, 2] : [0, 3, 1, 2]);
            var multiplier = depthwise ? Math.Max(1, options.Scalar(Tfl.DepthwiseConv2DOptions.DepthMultiplier, 1)) : 1;
            var group = depthwise ? onnxShape[0] / multiplier : 1;
            List<string> arguments = [Value(inputs[0]), Initializer($"{name}_w", onnxShape, OnnxFloat, MemoryMarshal.AsBytes(weights.AsSpan()))];
            if (inputs.Length > 2 && inputs[2] >= 0)
            {
                arguments.Add(Initializer($"{name}_b", [onnxShape[0]], OnnxFloat, MemoryMarshal.AsBytes(Constant(inputs[2]).AsSpan())));
            }

            var conv = Node("Conv", arguments, $"{name}_conv",
                Ints("strides", strideH, strideW), Ints("dilations", dilationH, dilationW), Int("group", group),
                Ints("kernel_shape", onnxShape[2], onnxShape[3]),
                // TFLite SAME pads the extra pixel at the end, as ONNX SAME_UPPER does.
                Text("auto_pad", padding == 0 ? "SAME_UPPER" : "VALID"));
            _values[output] = Activation(conv, activation, name);
            _channelsFirst.Add(output);
        }

        private string Activation(string value, sbyte activation, string name) => activation switch
        {
            0 => Node("Identity", [value], name),
            1 => Node("Relu", [value], name),
            3 => Node("Clip", [value, Scalar($"{name}_lo", 0f), Scalar($"{name}_hi", 6f)], name),
            _ => throw new NotSupportedException($"TFLite fused activation {activation} (for {name}) is not supported by this converter."),
        };

        private string Node(string op, IEnumerable<string> inputs, string output, params ProtoWriter[] attributes)
        {
            var node = new ProtoWriter();
            foreach (var input in inputs)
            {
                node.String(Onnx.Node.Input, input);
            }

            node.String(Onnx.Node.Output, output).String(Onnx.Node.Name, $"n{++_names}").String(Onnx.Node.OpType, op);
            foreach (var attribute in attributes)
            {
                node.Message(Onnx.Node.Attribute, attribute);
            }

            _nodes.Add(node);
            return output;
        }

        private string Initializer(string name, int[] shape, int type, ReadOnlySpan<byte> raw)
        {
            var tensor = new ProtoWriter();
            foreach (var d in shape)
            {
                tensor.Int(Onnx.Tensor.Dims, d);
            }

            _initializers.Add(tensor.Int(Onnx.Tensor.DataType, type).String(Onnx.Tensor.Name, name).Bytes(Onnx.Tensor.RawData, raw));
            return name;
        }

        private string Scalar(string name, float value) => Initializer(name, [], OnnxFloat, MemoryMarshal.AsBytes<float>([value]));

        private static ProtoWriter Int(string name, int value)
            => new ProtoWriter().String(Onnx.Attribute.Name, name).Int(Onnx.Attribute.Int, value).Int(Onnx.Attribute.Type, AttributeInt);

        private static ProtoWriter Ints(string name, params int[] values)
        {
            var attribute = new ProtoWriter().String(Onnx.Attribute.Name, name);
            foreach (var v in values)
            {
                attribute.Int(Onnx.Attribute.Ints, v);
            }

            return attribute.Int(Onnx.Attribute.Type, AttributeInts);
        }

        private static ProtoWriter Text(string name, string value)
            => new ProtoWriter().String(Onnx.Attribute.Name, name).String(Onnx.Attribute.String, value).Int(Onnx.Attribute.Type, AttributeString);

        /// <summary>A graph input or output: float, with a batch dimension of any size where TFLite has 1.</summary>
        private static ProtoWriter ValueInfo(string name, int[] shape)
        {
            var dims = new ProtoWriter();
            for (var i = 0; i < shape.Length; i++)
            {
                dims.Message(Onnx.TensorShape.Dim, i == 0 && shape[i] == 1
                    ? new ProtoWriter().String(Onnx.Dimension.DimParam, "batch")
                    : new ProtoWriter().Int(Onnx.Dimension.DimValue, shape[i]));
            }

            var tensorType = new ProtoWriter().Int(Onnx.TensorType.ElemType, OnnxFloat).Message(Onnx.TensorType.Shape, dims);
            return new ProtoWriter().String(Onnx.ValueInfo.Name, name).Message(Onnx.ValueInfo.Type, new ProtoWriter().Message(Onnx.TypeProto.TensorType, tensorType));
        }

        private string Value(int tensor) => _values.TryGetValue(tensor, out var value)
            ? value
            : throw new NotSupportedException($"TFLite tensor '{Name(tensor)}' is used before it is computed (or is a constant where a value is expected).");

        private float[] Constant(int tensor) => _constants.TryGetValue(tensor, out var values)
            ? values
            : throw new NotSupportedException($"TFLite tensor '{Name(tensor)}' should be constant weights but is computed.");

        private int[] Shape(int tensor) => _tensors[tensor].Ints(Tfl.Tensor.Shape);

        private string Name(int tensor) => _tensors[tensor].String(Tfl.Tensor.Name).Replace('/', '_');

        /// <summary>Reorders a 4-D array: output axis k is input axis <paramref name="perm"/>[k].</summary>
        private static (float[] Values, int[] Shape) Transpose4(float[] values, int[] shape, int[] perm)
        {
            if (shape.Length != 4 || values.Length != shape.Aggregate(1, (a, d) => a * d))
            {
                throw new InvalidDataException($"Expected 4-D weights, got shape [{string.Join(',', shape)}] with {values.Length} values.");
            }

            int[] strides = [shape[1] * shape[2] * shape[3], shape[2] * shape[3], shape[3], 1];
            int[] outShape = [.. perm.Select(p => shape[p])];
            int[] step = [.. perm.Select(p => strides[p])];
            var result = new float[values.Length];
            var n = 0;
            for (var a = 0; a < outShape[0]; a++)
            {
                for (var b = 0; b < outShape[1]; b++)
                {
                    for (var c = 0; c < outShape[2]; c++)
                    {
                        for (var d = 0; d < outShape[3]; d++)
                        {
                            result[n++] = values[(a * step[0]) + (b * step[1]) + (c * step[2]) + (d * step[3])];
                        }
                    }
                }
            }

            return (result, outShape);
        }
    }
}
