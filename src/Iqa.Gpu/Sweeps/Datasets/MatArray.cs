namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>A variable of a MAT-file: name and dimensions (MATLAB order, rows first).</summary>
public abstract record MatArray(string Name, int[] Dimensions);

/// <summary>A real numeric array of any class, as doubles in MATLAB's column-major order.</summary>
public sealed record MatNumeric(string Name, int[] Dimensions, double[] Values) : MatArray(Name, Dimensions);

/// <summary>A char array; rows of a multi-row array are joined with '\n'.</summary>
public sealed record MatChar(string Name, int[] Dimensions, string Text) : MatArray(Name, Dimensions);

/// <summary>A cell array, cells in column-major order.</summary>
public sealed record MatCell(string Name, int[] Dimensions, MatArray[] Cells) : MatArray(Name, Dimensions);

/// <summary>A class this reader does not decode (struct, object, sparse, complex...): kept by name so errors can say what it is.</summary>
public sealed record MatUnsupported(string Name, int[] Dimensions, string Kind) : MatArray(Name, Dimensions);
