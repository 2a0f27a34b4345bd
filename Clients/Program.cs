Console.Error.WriteLine("hallctl: not built yet"); return 2;
