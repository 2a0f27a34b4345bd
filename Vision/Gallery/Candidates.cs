namespace OrleansHall.Vision.Gallery;

/// <summary>The best rows seen so far by an approximate score, at most a fixed number of them, in no order.</summary>
internal sealed class Candidates(int capacity)
{
    private readonly int[] _rows = new int[capacity];
    private readonly float[] _scores = new float[capacity];
    private int _count;
    private int _weakest;

    public IEnumerable<int> Rows => _rows.Take(_count);

    public void Offer(int row, float score)
    {
        if (_count < _rows.Length)
        {
            _rows[_count] = row;
            _scores[_count++] = score;
            if (_count == _rows.Length)
            {
                FindWeakest();
            }

            return;
        }

        if (score <= _scores[_weakest])
        {
            return;
        }

        _rows[_weakest] = row;
        _scores[_weakest] = score;
        FindWeakest();
    }

    private void FindWeakest()
    {
        _weakest = 0;
        for (var i = 1; i < _count; i++)
        {
            if (_scores[i] < _scores[_weakest])
            {
                _weakest = i;
            }
        }
    }
}
