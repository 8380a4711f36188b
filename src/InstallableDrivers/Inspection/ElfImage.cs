using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace InstallableDrivers.Inspection;

/// <summary>
/// Reads an ELF shared library as the dynamic linker would see it, without loading it: its class, byte order and
/// machine must be this process's, every segment must lie within the file (a truncated copy would otherwise fault
/// inside dlopen with SIGBUS), and <c>DriverProc</c> must be a function in its dynamic symbol table, found through the
/// dynamic section's symbol hash table (DT_GNU_HASH or DT_HASH) as dlsym finds it. Follows the System V ABI's ELF chapter.
/// </summary>
internal sealed class ElfImage
{
    private const byte ElfClass32 = 1, ElfClass64 = 2, ElfDataLittle = 1, ElfDataBig = 2;
    private const ushort SharedObject = 3;
    private const uint LoadSegment = 1, DynamicSegment = 2;
    private const long DtNull = 0, DtHash = 4, DtStrTab = 5, DtSymTab = 6, DtStrSz = 10, DtSymEnt = 11, DtGnuHash = 0x6ffffef5;
    private const byte FunctionSymbol = 2, IndirectFunctionSymbol = 10, GlobalBinding = 1, WeakBinding = 2;
    private const byte DefaultVisibility = 0, ProtectedVisibility = 3;

    private static readonly byte[] DriverProcName = Encoding.ASCII.GetBytes(DriverImage.DriverProcExport + "\0");

    private readonly ImageFile file;
    private readonly bool is64;
    private readonly bool bigEndian;
    private readonly List<(ulong Address, ulong Offset, ulong Size)> loads = [];

    private ElfImage(ImageFile file, bool is64, bool bigEndian)
    {
        this.file = file;
        this.is64 = is64;
        this.bigEndian = bigEndian;
    }

    /// <summary>The machine numbers (e_machine) this process runs as, and whether it is 64-bit.</summary>
    private static (ushort Machine, bool Is64)? ProcessMachine => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (62, true),
        Architecture.X86 => (3, false),
        Architecture.Arm64 => (183, true),
        Architecture.Arm or Architecture.Armv6 => (40, false),
        Architecture.RiscV64 => (243, true),
        Architecture.LoongArch64 => (258, true),
        Architecture.Ppc64le => (21, true),
        Architecture.S390x => (22, true),
        _ => null,
    };

    /// <summary>True if the bytes start like an ELF file.</summary>
    /// <param name="start">The file's first bytes.</param>
    /// <returns>Whether they are the ELF magic number.</returns>
    public static bool HasMagic(ReadOnlySpan<byte> start) => start.StartsWith("\u007fELF"u8);

    /// <summary>Checks the file is a shared library this process can load that exports DriverProc.</summary>
    /// <param name="file">The open file, known to start with the ELF magic number.</param>
    /// <exception cref="DriverOpenException">With <see cref="DriverFailureReason.NotADriver"/> and what is wrong.</exception>
    public static void Check(ImageFile file)
    {
        var ident = file.Read(0, 16, "the ELF identification");
        var process = ProcessMachine;
        var processName = process is { } p ? MachineName(p.Machine) : RuntimeInformation.ProcessArchitecture.ToString();
        if (ident[4] is not (ElfClass32 or ElfClass64) || ident[5] is not (ElfDataLittle or ElfDataBig))
        {
            throw DriverFileErrors.NotADriver(file.Path, $"its ELF class ({ident[4]}) or byte order ({ident[5]}) is not one ELF defines");
        }

        var image = new ElfImage(file, ident[4] == ElfClass64, ident[5] == ElfDataBig);
        image.CheckHeader(process, processName);
    }

    private void CheckHeader((ushort Machine, bool Is64)? process, string processName)
    {
        var header = file.Read(0, is64 ? 64 : 52, "the ELF header");
        var type = U16(header, 16);
        var machine = U16(header, 18);
        if (process is { } p && (machine != p.Machine || is64 != p.Is64 || bigEndian != !BitConverter.IsLittleEndian))
        {
            var bits = is64 ? "64-bit" : "32-bit";
            throw DriverFileErrors.NotADriver(file.Path, machine != p.Machine
                ? $"built for {MachineName(machine)}; this process is {processName}"
                : $"built as {bits} {(bigEndian ? "big-endian" : "little-endian")} {MachineName(machine)}; this process is {(p.Is64 ? "64-bit" : "32-bit")} {processName}");
        }

        if (type != SharedObject)
        {
            throw DriverFileErrors.NotADriver(file.Path, $"it is an ELF file but not a shared library (e_type {type}, not ET_DYN)");
        }

        var programHeaders = (long)Word(header, is64 ? 32 : 28);
        var entrySize = U16(header, is64 ? 54 : 42);
        var count = U16(header, is64 ? 56 : 44);
        if (entrySize < (is64 ? 56 : 32))
        {
            throw DriverFileErrors.NotADriver(file.Path, $"its program headers are {entrySize} bytes each, too small for ELF");
        }

        var table = file.Read(programHeaders, (long)entrySize * count, "the program header table");
        (long Offset, long Size)? dynamic = null;
        for (var i = 0; i < count; i++)
        {
            var entry = table.AsSpan(i * entrySize, entrySize);
            var kind = U32(entry, 0);
            if (kind is not (LoadSegment or DynamicSegment))
            {
                continue;
            }

            var offset = Word(entry, is64 ? 8 : 4);
            var address = Word(entry, is64 ? 16 : 8);
            var size = Word(entry, is64 ? 32 : 16);
            file.RequireWithin((long)offset, (long)size, $"segment {i} ({(kind == LoadSegment ? "PT_LOAD" : "PT_DYNAMIC")})");
            if (kind == LoadSegment)
            {
                loads.Add((address, offset, size));
            }
            else
            {
                dynamic = ((long)offset, (long)size);
            }
        }

        if (dynamic is not { } section)
        {
            throw DriverFileErrors.NotADriver(file.Path, "it is an ELF file without a dynamic section, so nothing can be looked up in it");
        }

        if (!ExportsDriverProc(file.Read(section.Offset, section.Size, "the dynamic section")))
        {
            throw DriverFileErrors.NoDriverProc(file.Path);
        }
    }

    private bool ExportsDriverProc(byte[] dynamic)
    {
        var entrySize = is64 ? 16 : 8;
        var tags = new Dictionary<long, ulong>();
        for (var at = 0; at + entrySize <= dynamic.Length; at += entrySize)
        {
            var tag = is64 ? (long)Word(dynamic, at) : (int)U32(dynamic, at);
            if (tag == DtNull)
            {
                break;
            }

            tags.TryAdd(tag, Word(dynamic, at + entrySize / 2));
        }

        if (!tags.TryGetValue(DtSymTab, out var symbols) || !tags.TryGetValue(DtStrTab, out var strings))
        {
            throw DriverFileErrors.NotADriver(file.Path, "it has no dynamic symbol table (DT_SYMTAB, DT_STRTAB)");
        }

        var symbolTable = FileOffset(symbols, "DT_SYMTAB");
        var stringTable = FileOffset(strings, "DT_STRTAB");
        var stringsSize = tags.GetValueOrDefault(DtStrSz, ulong.MaxValue);
        var symbolSize = (long)tags.GetValueOrDefault(DtSymEnt, is64 ? 24UL : 16UL);
        bool IsDriverProc(uint index) => IsExportedDriverProc(symbolTable + index * symbolSize, stringTable, stringsSize);

        if (tags.TryGetValue(DtGnuHash, out var gnuHash))
        {
            return LookUpGnuHash(FileOffset(gnuHash, "DT_GNU_HASH"), IsDriverProc);
        }

        if (tags.TryGetValue(DtHash, out var hash))
        {
            return LookUpSysvHash(FileOffset(hash, "DT_HASH"), IsDriverProc);
        }

        throw DriverFileErrors.NotADriver(file.Path, "its dynamic section has no symbol hash table (DT_GNU_HASH or DT_HASH)");
    }

    /// <summary>The GNU hash table: buckets of symbol indices, each chain ending at an odd hash value.</summary>
    private bool LookUpGnuHash(long table, Func<uint, bool> isDriverProc)
    {
        var header = file.Read(table, 16, "the DT_GNU_HASH table");
        var (buckets, firstSymbol, bloomWords) = (U32(header, 0), U32(header, 4), U32(header, 8));
        if (buckets == 0)
        {
            return false;
        }

        var hash = GnuHash();
        var bucketsAt = table + 16 + (long)bloomWords * (is64 ? 8 : 4);
        var index = U32(file.Read(bucketsAt + (hash % buckets) * 4, 4, "the DT_GNU_HASH buckets"), 0);
        if (index < firstSymbol)
        {
            return false;
        }

        var chainAt = bucketsAt + (long)buckets * 4;
        for (; ; index++)
        {
            var chained = U32(file.Read(chainAt + (long)(index - firstSymbol) * 4, 4, "the DT_GNU_HASH chains"), 0);
            if ((chained | 1) == (hash | 1) && isDriverProc(index))
            {
                return true;
            }

            if ((chained & 1) != 0)
            {
                return false;
            }
        }
    }

    /// <summary>The System V hash table: buckets and chains of symbol indices, ending at index 0.</summary>
    private bool LookUpSysvHash(long table, Func<uint, bool> isDriverProc)
    {
        var header = file.Read(table, 8, "the DT_HASH table");
        var (buckets, chains) = (U32(header, 0), U32(header, 4));
        if (buckets == 0)
        {
            return false;
        }

        var index = U32(file.Read(table + 8 + (SysvHash() % buckets) * 4, 4, "the DT_HASH buckets"), 0);
        // At most one step per chain entry: a damaged table that loops ends here instead of running forever.
        for (var steps = 0u; index != 0 && steps <= chains; steps++)
        {
            if (isDriverProc(index))
            {
                return true;
            }

            index = U32(file.Read(table + 8 + (buckets + (long)index) * 4, 4, "the DT_HASH chains"), 0);
        }

        return false;
    }

    private bool IsExportedDriverProc(long symbol, long stringTable, ulong stringsSize)
    {
        var entry = file.Read(symbol, is64 ? 24 : 16, "the dynamic symbol table");
        var name = U32(entry, 0);
        var (info, other, section) = is64 ? (entry[4], entry[5], U16(entry, 6)) : (entry[12], entry[13], U16(entry, 14));
        if (section == 0 || (ulong)name + (ulong)DriverProcName.Length > stringsSize)
        {
            return false;
        }

        var type = info & 0xF;
        var binding = info >> 4;
        var visibility = other & 0x3;
        return type is FunctionSymbol or IndirectFunctionSymbol
            && binding is GlobalBinding or WeakBinding
            && visibility is DefaultVisibility or ProtectedVisibility
            && file.Read(stringTable + name, DriverProcName.Length, "the dynamic string table").AsSpan().SequenceEqual(DriverProcName);
    }

    /// <summary>Where a virtual address from the dynamic section is in the file: through the PT_LOAD segment that maps it.</summary>
    private long FileOffset(ulong address, string what)
    {
        foreach (var (start, offset, size) in loads)
        {
            if (address >= start && address - start < size)
            {
                return (long)(offset + (address - start));
            }
        }

        throw DriverFileErrors.NotADriver(file.Path, $"its {what} address 0x{address:X} is in no segment of the file");
    }

    private static uint GnuHash()
    {
        var hash = 5381u;
        foreach (var c in DriverProcName.AsSpan(0, DriverProcName.Length - 1))
        {
            hash = hash * 33 + c;
        }

        return hash;
    }

    private static uint SysvHash()
    {
        var hash = 0u;
        foreach (var c in DriverProcName.AsSpan(0, DriverProcName.Length - 1))
        {
            hash = (hash << 4) + c;
            var high = hash & 0xF0000000;
            hash ^= high >> 24;
            hash &= ~high;
        }

        return hash;
    }

    private static string MachineName(ushort machine) => machine switch
    {
        2 => "sparc",
        3 => "x86",
        8 => "mips",
        20 => "ppc",
        21 => "ppc64",
        22 => "s390x",
        40 => "arm",
        43 => "sparcv9",
        62 => "x86-64",
        183 => "aarch64",
        243 => "riscv",
        258 => "loongarch",
        _ => $"ELF machine {machine}",
    };

    private ushort U16(ReadOnlySpan<byte> bytes, int at) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);

    private uint U32(ReadOnlySpan<byte> bytes, int at) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);

    /// <summary>An address or offset: 8 bytes in a 64-bit file, 4 in a 32-bit one.</summary>
    private ulong Word(ReadOnlySpan<byte> bytes, int at) => is64
        ? bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes[at..]) : BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..])
        : U32(bytes, at);
}
