using System.Runtime.InteropServices;

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
            var codes = _model.Tables(1).Select(c => Math.Max(c.Scalar<sbyte>(0, 0), c.Scalar<int>(3, 0))).ToArray();
            var graphs = _model.Tables(2);
            if (graphs.Count == 0)
            {
                throw new InvalidDataException("The TFLite model has no subgraph.");
            }

            var graph = graphs[0];
            _tensors = graph.Tables(0);
            ReadConstants(_model.Tables(4));
            var inputs = graph.Ints(1).Select(Input).ToList();
            foreach (var op in graph.Tables(3))
            {
                Operator(codes[op.Scalar<uint>(0, 0)], op);
            }

            var outputs = graph.Ints(2).Select(Output).ToList();
            var body = new ProtoWriter();
            _nodes.ForEach(n => body.Message(1, n));
            body.String(2, "tflite");
            _initializers.ForEach(t => body.Message(5, t));
            inputs.ForEach(v => body.Message(11, v));
            outputs.ForEach(v => body.Message(12, v));
            return new ProtoWriter()
                .Int(1, 8)
                .String(2, "OrleansHall.TfliteToOnnx")
                .Message(7, body)
                .Message(8, new ProtoWriter().String(1, "").Int(2, 13))
                .ToArray();
        }

        private void ReadConstants(IReadOnlyList<FlatBufferTable> buffers)
        {
            for (var i = 0; i < _tensors.Count; i++)
            {
                var data = buffers[(int)_tensors[i].Scalar<uint>(2, 0)].Bytes(0).Span;
                if (data.IsEmpty)
                {
                    continue;
                }

                switch (_tensors[i].Scalar<sbyte>(1, 0))
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
            var inputs = op.Ints(1);
            var output = op.Ints(2)[0];
            var options = op.Table(4);
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
                    _values[output] = Activation(Node("Add", [.. inputs.Select(Value)], $"{name}_sum"), options?.Scalar<sbyte>(0, 0) ?? 0, name);
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
                    var axis = options!.Value.Scalar<int>(0, 0);
                    var allFirst = inputs.All(_channelsFirst.Contains);
                    if (!allFirst && inputs.Any(_channelsFirst.Contains))
                    {
                        throw new NotSupportedException($"TFLite concatenation {name} mixes image and flat tensors.");
                    }

                    var rank = Shape(output).Length;
                    // NHWC axis -> NCHW axis: N stays, H and W move one right, C goes to 1.
                    var onnxAxis = allFirst ? new[] { 0, 2, 3, 1 }[(axis + rank) % rank] : axis;
                    _values[output] = Activation(Node("Concat", [.. inputs.Select(Value)], $"{name}_cat", Int("axis", onnxAxis)), options.Value.Scalar<sbyte>(1, 0), name);
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
            // Conv2DOptions: padding, stride_w, stride_h, activation, dilation_w, dilation_h.
            // DepthwiseConv2DOptions: padding, stride_w, stride_h, depth_multiplier, activation, dilation_w, dilation_h.
            var padding = options.Scalar<sbyte>(0, 0);
            var (strideW, strideH) = (options.Scalar(1, 1), options.Scalar(2, 1));
            var activation = options.Scalar<sbyte>(depthwise ? 4 : 3, 0);
            var (dilationW, dilationH) = depthwise ? (options.Scalar(5, 1), options.Scalar(6, 1)) : (options.Scalar(4, 1), options.Scalar(5, 1));
            var weightShape = Shape(inputs[1]);
            // TFLite: conv [out, kh, kw, in], depthwise [1, kh, kw, channels]; ONNX: [out, in/group, kh, kw].
            var (weights, onnxShape) = Transpose4(Constant(inputs[1]), weightShape, depthwise ? [3, 0, 1, 2] : [0, 3, 1, 2]);
            var multiplier = depthwise ? Math.Max(1, options.Scalar(3, 1)) : 1;
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
                node.String(1, input);
            }

            node.String(2, output).String(3, $"n{++_names}").String(4, op);
            foreach (var attribute in attributes)
            {
                node.Message(5, attribute);
            }

            _nodes.Add(node);
            return output;
        }

        private string Initializer(string name, int[] shape, int type, ReadOnlySpan<byte> raw)
        {
            var tensor = new ProtoWriter();
            foreach (var d in shape)
            {
                tensor.Int(1, d);
            }

            _initializers.Add(tensor.Int(2, type).String(8, name).Bytes(9, raw));
            return name;
        }

        private string Scalar(string name, float value) => Initializer(name, [], OnnxFloat, MemoryMarshal.AsBytes<float>([value]));

        private static ProtoWriter Int(string name, int value) => new ProtoWriter().String(1, name).Int(3, value).Int(20, AttributeInt);

        private static ProtoWriter Ints(string name, params int[] values)
        {
            var attribute = new ProtoWriter().String(1, name);
            foreach (var v in values)
            {
                attribute.Int(8, v);
            }

            return attribute.Int(20, AttributeInts);
        }

        private static ProtoWriter Text(string name, string value) => new ProtoWriter().String(1, name).String(4, value).Int(20, AttributeString);

        /// <summary>A graph input or output: float, with a batch dimension of any size where TFLite has 1.</summary>
        private static ProtoWriter ValueInfo(string name, int[] shape)
        {
            var dims = new ProtoWriter();
            for (var i = 0; i < shape.Length; i++)
            {
                dims.Message(1, i == 0 && shape[i] == 1 ? new ProtoWriter().String(2, "batch") : new ProtoWriter().Int(1, shape[i]));
            }

            var tensorType = new ProtoWriter().Int(1, OnnxFloat).Message(2, dims);
            return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
        }

        private string Value(int tensor) => _values.TryGetValue(tensor, out var value)
            ? value
            : throw new NotSupportedException($"TFLite tensor '{Name(tensor)}' is used before it is computed (or is a constant where a value is expected).");

        private float[] Constant(int tensor) => _constants.TryGetValue(tensor, out var values)
            ? values
            : throw new NotSupportedException($"TFLite tensor '{Name(tensor)}' should be constant weights but is computed.");

        private int[] Shape(int tensor) => _tensors[tensor].Ints(0);

        private string Name(int tensor) => _tensors[tensor].String(3).Replace('/', '_');

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
