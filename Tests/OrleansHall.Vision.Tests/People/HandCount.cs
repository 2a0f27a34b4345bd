using System.Globalization;
using OpenCvSharp;
using OrleansHall.Vision.Geometry;

namespace OrleansHall.Vision.Tests.People;

/// <summary>
/// People counted by eye on 24 frames of vtest.avi spread over the whole video (every 33rd frame, 0-based decode
/// order): each box is a person whose head and most of the torso are in the frame (left,top,right,bottom, about
/// +/-10 px), partly hidden people included when their own head or legs show; people cut by the border to less
/// than half, reflections and shadows are not counted. 146 people in all.
/// </summary>
internal static class HandCount
{
    public static readonly IReadOnlyDictionary<int, string> Boxes = new Dictionary<int, string>
    {
        [0] = "500,158,530,232 253,220,283,307 641,240,685,320",
        [33] = "378,178,395,258 388,183,412,263 408,200,430,290 605,247,648,350 645,242,677,335",
        [66] = "318,169,350,237 369,181,407,259 407,183,428,263 447,196,484,279 492,193,516,276 602,218,632,320",
        [99] = "226,60,238,94 344,197,372,274 377,178,410,257 422,180,449,258 487,148,517,221 513,152,540,223 589,155,615,238",
        [132] = "129,78,148,115 381,184,405,267 420,180,440,259 577,201,613,285 610,225,642,308 595,119,623,183 618,124,646,186 689,118,709,188",
        [165] = "24,99,39,139 316,170,352,240 450,210,472,297 464,222,503,307 497,207,528,292 654,117,673,186 667,102,686,159 687,104,708,156",
        [198] = "90,155,118,216 225,193,255,268 498,144,528,218 679,98,699,153 706,102,722,155 605,263,644,367 695,248,737,349",
        [231] = "45,179,70,245 285,160,318,238 645,112,668,172 672,117,692,175 668,215,700,298 505,268,537,378 716,287,767,398",
        [264] = "36,175,62,245 150,146,176,214 312,207,342,295 462,174,486,246 508,240,548,340 614,128,638,194 636,132,656,198",
        [297] = "175,156,197,232 264,158,281,222 280,162,311,237 328,213,365,300 584,154,612,228 614,157,638,229",
        [330] = "260,176,290,244 291,201,323,285 362,173,394,257 477,150,508,219 615,196,646,281 646,198,673,283",
        [363] = "357,172,395,246 457,178,489,252 556,195,592,287 445,248,490,341 707,245,744,345 740,245,768,332",
        [396] = "264,197,297,279 586,143,614,207 675,294,722,405",
        [429] = "296,209,323,292 526,154,553,220 688,272,723,375",
        [462] = "361,212,399,301 499,224,528,313 517,212,545,292 737,319,768,448",
        [495] = "333,192,368,267 537,267,572,373 567,244,595,357 613,268,648,366",
        [528] = "197,172,221,243 463,195,495,284 629,199,660,280 632,269,666,366 372,412,456,568 392,397,466,534",
        [561] = "80,170,104,238 377,155,405,236 584,158,614,235 641,305,672,412 176,354,210,490 194,392,246,538",
        [594] = "212,146,243,216 598,210,634,301 641,197,680,283 641,305,674,412 386,315,428,432 262,434,306,576",
        [627] = "117,140,135,207 105,172,128,240 432,166,455,243 604,245,640,340 579,277,613,376 357,405,412,557",
        [660] = "178,151,210,221 262,152,300,228 275,155,305,225 461,204,493,284 617,177,645,254 685,294,728,412 296,357,358,490",
        [693] = "157,164,189,236 340,166,365,248 332,216,360,308 437,152,466,224 450,141,469,204 529,159,555,228 733,223,767,317 113,300,160,414",
        [726] = "92,179,121,248 81,238,116,328 282,177,312,255 288,188,318,268 578,122,602,182 496,205,529,300 520,198,562,280 539,193,562,262 722,52,736,92",
        [759] = "736,59,755,99 682,121,705,183 227,193,251,271 238,234,280,326 313,178,347,254 463,182,493,246 453,220,487,312 652,205,684,303",
    };

    public static IReadOnlyList<Box> People(int frame) =>
        [.. Boxes[frame].Split(' ').Select(b => b.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(v => new Box(v[0], v[1], v[2], v[3]))];

    /// <summary>Detections matched one to one to hand-counted people: a detection's centre inside a person's box (grown 25 %).</summary>
    public static (int Matched, int FalsePositives, int Missed) Match(IReadOnlyList<Box> people, IReadOnlyList<Box> detections)
    {
        var free = people.ToList();
        var matched = 0;
        foreach (var d in detections.OrderByDescending(d => d.Area))
        {
            var hit = free.Where(p => Grown(p).Contains(d.Center)).OrderBy(p => System.Numerics.Vector2.Distance(p.Center, d.Center)).FirstOrDefault();
            if (hit != default)
            {
                free.Remove(hit);
                matched++;
            }
        }

        return (matched, detections.Count - matched, free.Count);
    }

    private static Box Grown(Box b) => new(b.Left - (b.Width / 8), b.Top - (b.Height / 8), b.Right + (b.Width / 8), b.Bottom + (b.Height / 8));

    private static bool Contains(this Box b, System.Numerics.Vector2 p) => p.X >= b.Left && p.X <= b.Right && p.Y >= b.Top && p.Y <= b.Bottom;
}
