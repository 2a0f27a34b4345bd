namespace OrleansHall.Device;

public enum DeviceKind
{
    Kiosk = 0,
    IdCardReader = 1,
    InfraredSensor = 2,
    GuideScreen = 3,
    Handheld = 4,
}
