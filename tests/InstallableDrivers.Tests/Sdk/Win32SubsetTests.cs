using System.Text;
using FsCheck;
using FsCheck.Fluent;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// The Win32 subset the host library gives native drivers (Native/win32_subset.c, declared by sdk/include/win32), called
/// through its exports as a driver calls it, and checked against the Win32 documentation and .NET's own UTF-8 decoder.
/// </summary>
public sealed unsafe class Win32SubsetTests
{
    private const uint CP_ACP = 0;
    private const uint CP_UTF8 = 65001;
    private const uint MB_PRECOMPOSED = 0x1;
    private const uint MB_COMPOSITE = 0x2;
    private const uint MB_ERR_INVALID_CHARS = 0x8;
    private const uint ERROR_INVALID_HANDLE = 6;
    private const uint ERROR_INVALID_PARAMETER = 87;
    private const uint ERROR_INSUFFICIENT_BUFFER = 122;
    private const uint ERROR_INVALID_FLAGS = 1004;
    private const uint ERROR_NO_UNICODE_TRANSLATION = 1113;
    private const uint ERROR_INVALID_MSGBOX_STYLE = 1438;
    private const uint HEAP_ZERO_MEMORY = 0x8;

    private static readonly delegate* unmanaged<uint, uint, byte*, int, char*, int, int> MultiByteToWideChar =
        (delegate* unmanaged<uint, uint, byte*, int, char*, int, int>)HostLibraryExports.Get(nameof(MultiByteToWideChar));

    private static readonly delegate* unmanaged<uint> GetLastError = (delegate* unmanaged<uint>)HostLibraryExports.Get(nameof(GetLastError));
    private static readonly delegate* unmanaged<uint, void> SetLastError = (delegate* unmanaged<uint, void>)HostLibraryExports.Get(nameof(SetLastError));

    // ---- MultiByteToWideChar ------------------------------------------------------------------------------------------

    [NotOnWindowsFact]
    public void MultiByteToWideChar_with_length_minus_1_converts_the_terminator_too_and_counts_it()
    {
        var text = "Gain é € 🎵";
        var utf8 = Encoding.UTF8.GetBytes(text + "\0");
        var buffer = new char[32];
        fixed (byte* source = utf8)
        fixed (char* target = buffer)
        {
            Assert.Equal(text.Length + 1, MultiByteToWideChar(CP_UTF8, 0, source, -1, target, buffer.Length));
        }

        Assert.Equal(text + "\0", new string(buffer, 0, text.Length + 1));
    }

    [NotOnWindowsFact]
    public void MultiByteToWideChar_with_no_buffer_answers_the_units_needed_and_writes_nothing()
    {
        var utf8 = Encoding.UTF8.GetBytes("🎵🎵 x");
        fixed (byte* source = utf8)
        {
            Assert.Equal(6, MultiByteToWideChar(CP_UTF8, 0, source, utf8.Length, null, 0));
        }
    }

    [NotOnWindowsFact]
    public void MultiByteToWideChar_with_a_length_converts_exactly_those_bytes_embedded_zeros_included_and_adds_no_terminator()
    {
        var utf8 = "a\0b"u8.ToArray();
        var buffer = new char[] { 'x', 'x', 'x', 'x' };
        fixed (byte* source = utf8)
        fixed (char* target = buffer)
        {
            Assert.Equal(3, MultiByteToWideChar(CP_UTF8, 0, source, 3, target, buffer.Length));
        }

        Assert.Equal("a\0bx", new string(buffer));
    }

    [NotOnWindowsFact]
    public void MultiByteToWideChar_into_a_buffer_too_small_fails_with_ERROR_INSUFFICIENT_BUFFER()
    {
        var utf8 = "abcdef\0"u8.ToArray();
        var buffer = new char[6];
        fixed (byte* source = utf8)
        fixed (char* target = buffer)
        {
            Assert.Equal(0, MultiByteToWideChar(CP_UTF8, 0, source, -1, target, buffer.Length));
        }

        Assert.Equal(ERROR_INSUFFICIENT_BUFFER, GetLastError());
    }

    [NotOnWindowsTheory]
    [InlineData(CP_UTF8, 0u, 0, 4, ERROR_INVALID_PARAMETER)]        // cbMultiByte 0
    [InlineData(CP_UTF8, 0u, -2, 4, ERROR_INVALID_PARAMETER)]       // cbMultiByte below -1
    [InlineData(CP_UTF8, 0u, 3, -1, ERROR_INVALID_PARAMETER)]       // cchWideChar negative
    [InlineData(1252u, 0u, 3, 4, ERROR_INVALID_PARAMETER)]          // a code page this host does not have
    [InlineData(CP_UTF8, MB_PRECOMPOSED, 3, 4, ERROR_INVALID_FLAGS)] // UTF-8 takes only MB_ERR_INVALID_CHARS
    [InlineData(CP_ACP, MB_COMPOSITE, 3, 4, ERROR_INVALID_FLAGS)]
    [InlineData(CP_ACP, 0x100u, 3, 4, ERROR_INVALID_FLAGS)]
    public void MultiByteToWideChar_refuses_bad_arguments_with_the_documented_error(uint codePage, uint flags, int bytes, int units, uint error)
    {
        var utf8 = "abc"u8.ToArray();
        var buffer = new char[4];
        fixed (byte* source = utf8)
        fixed (char* target = buffer)
        {
            SetLastError(0);
            Assert.Equal(0, MultiByteToWideChar(codePage, flags, source, bytes, target, units));
        }

        Assert.Equal(error, GetLastError());
        Assert.Equal(new char[4], buffer);
    }

    [NotOnWindowsFact]
    public void MultiByteToWideChar_refuses_a_null_source_and_a_null_buffer_with_a_size()
    {
        var utf8 = "abc"u8.ToArray();
        Assert.Equal(0, MultiByteToWideChar(CP_UTF8, 0, null, 3, null, 0));
        Assert.Equal(ERROR_INVALID_PARAMETER, GetLastError());
        fixed (byte* source = utf8)
        {
            Assert.Equal(0, MultiByteToWideChar(CP_UTF8, 0, source, 3, null, 4));
        }

        Assert.Equal(ERROR_INVALID_PARAMETER, GetLastError());
    }

    [NotOnWindowsFact]
    public void The_ANSI_code_page_is_UTF_8_and_accepts_the_flags_a_code_page_does()
    {
        var getAcp = (delegate* unmanaged<uint>)HostLibraryExports.Get("GetACP");
        Assert.Equal(CP_UTF8, getAcp());
        var utf8 = Encoding.UTF8.GetBytes("Énergie");
        var buffer = new char[7];
        fixed (byte* source = utf8)
        fixed (char* target = buffer)
        {
            Assert.Equal(7, MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED, source, utf8.Length, target, 7));
        }

        Assert.Equal("Énergie", new string(buffer));
    }

    [NotOnWindowsFact]
    public void Ill_formed_UTF_8_becomes_U_FFFD_per_maximal_subpart_or_fails_with_MB_ERR_INVALID_CHARS()
    {
        // A lone continuation byte, a truncated 2-byte form, an overlong, a surrogate, beyond U+10FFFF, a truncated 4-byte form.
        byte[] utf8 = [0x41, 0x80, 0x42, 0xC3, 0x43, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xF0, 0x9F, 0x8E];
        Assert.Equal(Encoding.UTF8.GetString(utf8), Convert(utf8));
        fixed (byte* source = utf8)
        {
            Assert.Equal(0, MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, source, utf8.Length, null, 0));
        }

        Assert.Equal(ERROR_NO_UNICODE_TRANSLATION, GetLastError());
    }

    [NotOnWindowsFact]
    public void Any_bytes_convert_as_NET_decodes_them()
    {
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(500),
            Prop.ForAll<byte[]>(bytes => bytes.Length == 0 || Convert(bytes) == Encoding.UTF8.GetString(bytes)));
    }

    [NotOnWindowsFact]
    public void Any_text_round_trips_from_UTF_8_to_UTF_16()
    {
        // Random strings hold lone surrogates too, which UTF-8 cannot carry: those are left to the test above.
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(500),
            Prop.ForAll<string>(text => string.IsNullOrEmpty(text) || !IsWellFormed(strict, text) || Convert(strict.GetBytes(text)) == text));
    }

    private static bool IsWellFormed(UTF8Encoding strict, string text)
    {
        try
        {
            strict.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static string Convert(byte[] utf8)
    {
        fixed (byte* source = utf8)
        {
            var units = MultiByteToWideChar(CP_UTF8, 0, source, utf8.Length, null, 0);
            var buffer = new char[units];
            fixed (char* target = buffer)
            {
                Assert.Equal(units, MultiByteToWideChar(CP_UTF8, 0, source, utf8.Length, target, units));
            }

            return new string(buffer);
        }
    }

    // ---- lstr* --------------------------------------------------------------------------------------------------------

    [NotOnWindowsFact]
    public void lstrlenW_counts_units_to_the_terminator_and_answers_0_for_null()
    {
        var lstrlenW = (delegate* unmanaged<char*, int>)HostLibraryExports.Get("lstrlenW");
        fixed (char* text = "a🎵b\0tail")
        {
            Assert.Equal(4, lstrlenW(text));
        }

        Assert.Equal(0, lstrlenW(null));
    }

    [NotOnWindowsFact]
    public void lstrcpyW_copies_through_the_terminator_and_returns_the_destination()
    {
        var lstrcpyW = (delegate* unmanaged<char*, char*, char*>)HostLibraryExports.Get("lstrcpyW");
        var buffer = "xxxxxx".ToCharArray();
        fixed (char* target = buffer)
        fixed (char* source = "abc\0")
        {
            Assert.True(lstrcpyW(target, source) == target);
            Assert.True(lstrcpyW(target, null) == null);
            Assert.True(lstrcpyW(null, source) == null);
        }

        Assert.Equal("abc\0xx", new string(buffer));
    }

    [NotOnWindowsTheory]
    [InlineData(4, "abc\0xxx")] // at most iMaxLength - 1 units, then the terminator
    [InlineData(1, "\0xxxxxx")]
    [InlineData(0, "xxxxxxx")]  // no room: nothing written
    [InlineData(7, "abcdef\0")]
    public void lstrcpynW_copies_at_most_iMaxLength_units_terminator_included(int maxLength, string expected)
    {
        var lstrcpynW = (delegate* unmanaged<char*, char*, int, char*>)HostLibraryExports.Get("lstrcpynW");
        var buffer = "xxxxxxx".ToCharArray();
        fixed (char* target = buffer)
        fixed (char* source = "abcdefghij\0")
        {
            Assert.True(lstrcpynW(target, source, maxLength) == target);
        }

        Assert.Equal(expected, new string(buffer));
    }

    [NotOnWindowsFact]
    public void The_narrow_lstr_functions_work_on_bytes()
    {
        var lstrlenA = (delegate* unmanaged<byte*, int>)HostLibraryExports.Get("lstrlenA");
        var lstrcpyA = (delegate* unmanaged<byte*, byte*, byte*>)HostLibraryExports.Get("lstrcpyA");
        var lstrcpynA = (delegate* unmanaged<byte*, byte*, int, byte*>)HostLibraryExports.Get("lstrcpynA");
        var buffer = "xxxxxxx"u8.ToArray();
        fixed (byte* target = buffer)
        fixed (byte* source = "héllo\0"u8)
        {
            Assert.Equal(6, lstrlenA(source)); // bytes, not characters
            Assert.Equal(0, lstrlenA(null));
            Assert.True(lstrcpyA(target, source) == target);
            Assert.Equal("héllo\0", Encoding.UTF8.GetString(buffer));
            Assert.True(lstrcpynA(target, source, 3) == target);
            Assert.Equal("h\xC3\0", Encoding.Latin1.GetString(buffer, 0, 3));
        }
    }

    // ---- The process heap -----------------------------------------------------------------------------------------

    private static readonly delegate* unmanaged<nint> GetProcessHeap = (delegate* unmanaged<nint>)HostLibraryExports.Get(nameof(GetProcessHeap));
    private static readonly delegate* unmanaged<nint, uint, nuint, byte*> HeapAlloc = (delegate* unmanaged<nint, uint, nuint, byte*>)HostLibraryExports.Get(nameof(HeapAlloc));
    private static readonly delegate* unmanaged<nint, uint, void*, int> HeapFree = (delegate* unmanaged<nint, uint, void*, int>)HostLibraryExports.Get(nameof(HeapFree));

    [NotOnWindowsFact]
    public void HEAP_ZERO_MEMORY_memory_is_zero_even_where_a_freed_block_was_dirty()
    {
        var heap = GetProcessHeap();
        Assert.NotEqual(0, heap);
        Assert.Equal(heap, GetProcessHeap());
        for (var round = 0; round < 20; round++)
        {
            var dirty = HeapAlloc(heap, 0, 4000);
            new Span<byte>(dirty, 4000).Fill(0xAB);
            Assert.Equal(1, HeapFree(heap, 0, dirty));
            var zeroed = HeapAlloc(heap, HEAP_ZERO_MEMORY, 4000);
            Assert.True(new Span<byte>(zeroed, 4000).IndexOfAnyExcept((byte)0) < 0);
            Assert.Equal(1, HeapFree(heap, 0, zeroed));
        }
    }

    [NotOnWindowsFact]
    public void HeapAlloc_of_0_bytes_gives_distinct_pointers_and_HeapFree_of_null_succeeds()
    {
        var heap = GetProcessHeap();
        var first = HeapAlloc(heap, 0, 0);
        var second = HeapAlloc(heap, 0, 0);
        Assert.True(first != null && second != null && first != second);
        Assert.Equal(1, HeapFree(heap, 0, first));
        Assert.Equal(1, HeapFree(heap, 0, second));
        Assert.Equal(1, HeapFree(heap, 0, null));
    }

    [NotOnWindowsFact]
    public void A_heap_other_than_the_process_heap_is_refused()
    {
        var other = GetProcessHeap() + 64;
        Assert.True(HeapAlloc(other, 0, 16) == null);
        SetLastError(0);
        Assert.Equal(0, HeapFree(other, 0, null));
        Assert.Equal(ERROR_INVALID_HANDLE, GetLastError());
    }

    [NotOnWindowsFact]
    public void The_last_error_belongs_to_the_thread()
    {
        SetLastError(1234);
        uint seenElsewhere = 99;
        var thread = new Thread(() => seenElsewhere = GetLastError());
        thread.Start();
        thread.Join();
        Assert.Equal(0u, seenElsewhere);
        Assert.Equal(1234u, GetLastError());
    }

    // ---- MessageBox -----------------------------------------------------------------------------------------------

    private static readonly delegate* unmanaged<nint, byte*, byte*, uint, int> MessageBoxA = (delegate* unmanaged<nint, byte*, byte*, uint, int>)HostLibraryExports.Get(nameof(MessageBoxA));
    private static readonly delegate* unmanaged<nint, char*, char*, uint, int> MessageBoxW = (delegate* unmanaged<nint, char*, char*, uint, int>)HostLibraryExports.Get(nameof(MessageBoxW));

    [NotOnWindowsTheory]
    [InlineData(0x0u, 1)]    // MB_OK: IDOK
    [InlineData(0x1u, 1)]    // MB_OKCANCEL: IDOK
    [InlineData(0x101u, 2)]  // MB_OKCANCEL | MB_DEFBUTTON2: IDCANCEL
    [InlineData(0x2u, 3)]    // MB_ABORTRETRYIGNORE: IDABORT
    [InlineData(0x203u, 2)]  // MB_YESNOCANCEL | MB_DEFBUTTON3: IDCANCEL
    [InlineData(0x4u, 6)]    // MB_YESNO: IDYES
    [InlineData(0x104u, 7)]  // MB_YESNO | MB_DEFBUTTON2: IDNO
    [InlineData(0x304u, 6)]  // MB_YESNO | MB_DEFBUTTON4: no fourth button, so the first
    [InlineData(0x5u, 4)]    // MB_RETRYCANCEL: IDRETRY
    [InlineData(0x206u, 11)] // MB_CANCELTRYCONTINUE | MB_DEFBUTTON3: IDCONTINUE
    [InlineData(0x40030u, 1)] // icons and MB_TOPMOST change nothing
    public void MessageBoxA_answers_the_default_button_as_a_user_pressing_Enter(uint type, int answer)
    {
        var logged = StandardErrorCapture.During(() =>
        {
            fixed (byte* text = "Apply the settings?\0"u8)
            fixed (byte* caption = "Gain codec\0"u8)
            {
                Assert.Equal(answer, MessageBoxA(0, text, caption, type));
            }
        });
        Assert.Contains("Gain codec: Apply the settings?", logged, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void MessageBoxA_without_a_caption_logs_the_default_title_Error()
    {
        var logged = StandardErrorCapture.During(() =>
        {
            fixed (byte* text = "Out of memory, Überall\0"u8)
            {
                Assert.Equal(1, MessageBoxA(0, text, null, 0));
            }
        });
        Assert.Contains("answered IDOK): Error: Out of memory, Überall", logged, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void MessageBox_with_buttons_no_type_names_fails_with_ERROR_INVALID_MSGBOX_STYLE_and_shows_nothing()
    {
        var logged = StandardErrorCapture.During(() =>
        {
            fixed (byte* text = "never shown\0"u8)
            {
                SetLastError(0);
                Assert.Equal(0, MessageBoxA(0, text, null, 0x7));
                Assert.Equal(ERROR_INVALID_MSGBOX_STYLE, GetLastError());
            }
        });
        Assert.DoesNotContain("never shown", logged, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void MessageBoxW_logs_UTF_16_text_as_UTF_8_with_a_lone_surrogate_replaced()
    {
        var logged = StandardErrorCapture.During(() =>
        {
            fixed (char* text = "Débit 🎵 \uD800!\0")
            fixed (char* caption = "Über\0")
            {
                Assert.Equal(1, MessageBoxW(0, text, caption, 0));
            }
        });
        Assert.Contains("MessageBoxW (no display, answered IDOK): Über: Débit 🎵 \uFFFD!", logged, StringComparison.Ordinal);
    }
}
