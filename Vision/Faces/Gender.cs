namespace OrleansHall.Vision.Faces;

public enum Gender
{
    Female,
    Male,
}
