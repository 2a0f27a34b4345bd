using OrleansHall.Vision.Gallery;

namespace OrleansHall.Vision.Tests.Gallery;

public sealed class FaceGalleryTests
{
    [Fact]
    public void Top_k_returns_the_most_similar_above_the_threshold_in_order()
    {
        var gallery = new FaceGallery(dimension: 3);
        gallery.Enroll("east", [1, 0, 0]);
        gallery.Enroll("north-east", [1, 1, 0]);
        gallery.Enroll("north", [0, 1, 0]);
        gallery.Enroll("up", [0, 0, 1]);

        var matches = gallery.Search([1, 0.2f, 0], topK: 3, threshold: 0.5f);

        Assert.Equal(["east", "north-east"], matches.Select(m => m.Id));
        Assert.True(matches[0].Similarity > matches[1].Similarity);
    }

    [Fact]
    public void Re_enrolling_replaces_and_removing_keeps_the_others_findable()
    {
        var gallery = new FaceGallery(dimension: 2, initialCapacity: 1);
        gallery.Enroll("a", [1, 0]);
        gallery.Enroll("b", [0, 1]);
        gallery.Enroll("c", [-1, 0]);
        gallery.Enroll("a", [0, -1]);

        Assert.True(gallery.Remove("a"));

        Assert.Equal(2, gallery.Count);
        Assert.False(gallery.Contains("a"));
        Assert.Equal("c", gallery.Search([-1, 0], 1, 0.9f).Single().Id);
        Assert.Equal("b", gallery.Search([0, 1], 1, 0.9f).Single().Id);
        Assert.Empty(gallery.Search([0, -1], 1, 0.5f));
    }

    [Fact]
    public void An_embedding_of_the_wrong_length_is_refused_with_both_lengths()
    {
        var gallery = new FaceGallery();

        var error = Assert.Throws<ArgumentException>(() => gallery.Enroll("x", new float[128]));

        Assert.Contains("128", error.Message);
        Assert.Contains("expected 512", error.Message);
    }

    [Fact]
    public void A_zero_embedding_is_refused()
    {
        var gallery = new FaceGallery(dimension: 4);

        var error = Assert.Throws<ArgumentException>(() => gallery.Search(new float[4]));

        Assert.Contains("non-zero", error.Message);
    }
}
