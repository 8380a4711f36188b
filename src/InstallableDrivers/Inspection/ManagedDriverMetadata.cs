using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace InstallableDrivers.Inspection;

/// <summary>
/// Finds a .NET driver assembly's driver type by reading its metadata, without loading it into any context:
/// <c>[assembly: InstallableDriver(typeof(T))]</c> stores T's name in the attribute's blob (ECMA-335 II.23.3). The type,
/// when it is defined in the assembly, must be a class that is not abstract and has a public parameterless constructor,
/// and must implement <see cref="IDriverProc"/> through its own interfaces or base classes. A base class from another
/// assembly other than this library's cannot be followed without loading that assembly; such a type is taken as
/// named, and loading it when it is opened says whether it is a driver.
/// </summary>
internal static class ManagedDriverMetadata
{
    private const string ContractNamespace = "InstallableDrivers";

    /// <summary>The sentence for an assembly without the attribute, worded once for reading and for loading.</summary>
    /// <param name="path">The assembly's path.</param>
    /// <returns>The exception.</returns>
    public static DriverOpenException NoAttribute(string path) => DriverFileErrors.NotADriver(path,
        $"it is a .NET assembly without an [assembly: {nameof(InstallableDriver)}(typeof(...))] attribute");

    /// <summary>The sentence for a driver type that cannot be created as a driver, worded once for reading and for loading.</summary>
    /// <param name="path">The assembly's path.</param>
    /// <param name="typeName">The type's full name.</param>
    /// <returns>The exception.</returns>
    public static DriverOpenException UnusableType(string path, string? typeName) => DriverFileErrors.NotADriver(path,
        $"its driver type {typeName} must implement {nameof(IDriverProc)}, not be abstract, and have a public parameterless constructor");

    /// <summary>Reads the driver type's full name from the assembly's metadata and checks what the metadata can tell.</summary>
    /// <param name="path">The assembly's path, for messages.</param>
    /// <param name="reader">The assembly's image.</param>
    /// <returns>The type's full name, nested types joined by '+'.</returns>
    /// <exception cref="DriverOpenException">With <see cref="DriverFailureReason.NotADriver"/>.</exception>
    public static string DriverTypeName(string path, PEReader reader)
    {
        var metadata = reader.GetMetadataReader();
        if (!metadata.IsAssembly)
        {
            throw DriverFileErrors.NotADriver(path, "it is a .NET module, not an assembly");
        }

        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!IsContractType(metadata, AttributeType(metadata, attribute), nameof(InstallableDriverAttribute)))
            {
                continue;
            }

            var blob = metadata.GetBlobReader(attribute.Value);
            var typeName = blob.ReadUInt16() == 1 ? blob.ReadSerializedString() : null;
            if (string.IsNullOrEmpty(typeName))
            {
                throw NoAttribute(path);
            }

            // An assembly-qualified name ("T, Other, Version=…") names a type elsewhere: only its name part is shown.
            var name = TypeNameWithoutAssembly(typeName);
            if (FindType(metadata, name) is { } type && !IsUsableDriverType(metadata, type))
            {
                throw UnusableType(path, name);
            }

            return name;
        }

        throw NoAttribute(path);
    }

    private static EntityHandle AttributeType(MetadataReader metadata, CustomAttribute attribute) => attribute.Constructor.Kind switch
    {
        HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
        HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
        _ => default,
    };

    /// <summary>True if the handle names a type of this library (by namespace and name) or one defined with that name.</summary>
    private static bool IsContractType(MetadataReader metadata, EntityHandle handle, string name) => handle.Kind switch
    {
        HandleKind.TypeReference => metadata.GetTypeReference((TypeReferenceHandle)handle) is var reference
            && metadata.StringComparer.Equals(reference.Namespace, ContractNamespace)
            && metadata.StringComparer.Equals(reference.Name, name),
        HandleKind.TypeDefinition => metadata.GetTypeDefinition((TypeDefinitionHandle)handle) is var definition
            && metadata.StringComparer.Equals(definition.Namespace, ContractNamespace)
            && metadata.StringComparer.Equals(definition.Name, name),
        _ => false,
    };

    private static string TypeNameWithoutAssembly(string typeName)
    {
        var depth = 0;
        for (var i = 0; i < typeName.Length; i++)
        {
            switch (typeName[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return typeName[..i].Trim();
            }
        }

        return typeName;
    }

    private static TypeDefinitionHandle? FindType(MetadataReader metadata, string fullName)
    {
        foreach (var handle in metadata.TypeDefinitions)
        {
            if (FullName(metadata, handle) == fullName)
            {
                return handle;
            }
        }

        return null;
    }

    private static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var name = metadata.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(metadata, declaring) + "+" + name;
        }

        var space = metadata.GetString(type.Namespace);
        return space.Length == 0 ? name : space + "." + name;
    }

    private static bool IsUsableDriverType(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        return (type.Attributes & (TypeAttributes.Abstract | TypeAttributes.Interface)) == 0
            && HasPublicParameterlessConstructor(metadata, type)
            && ImplementsDriverProc(metadata, handle) != false;
    }

    private static bool HasPublicParameterlessConstructor(MetadataReader metadata, TypeDefinition type)
    {
        foreach (var handle in type.GetMethods())
        {
            var method = metadata.GetMethodDefinition(handle);
            if (metadata.StringComparer.Equals(method.Name, ".ctor")
                && (method.Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public
                && (method.Attributes & MethodAttributes.Static) == 0)
            {
                var signature = metadata.GetBlobReader(method.Signature);
                signature.ReadSignatureHeader();
                if (signature.ReadCompressedInteger() == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True or false where the metadata tells; null where a base class lies in another assembly.</summary>
    private static bool? ImplementsDriverProc(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        // Bounded: a damaged file whose base classes form a loop ends here.
        for (var depth = 0; depth < 64; depth++)
        {
            var type = metadata.GetTypeDefinition(handle);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                if (IsContractType(metadata, metadata.GetInterfaceImplementation(implementation).Interface, nameof(IDriverProc)))
                {
                    return true;
                }
            }

            var baseType = GenericDefinition(metadata, type.BaseType);
            if (IsContractType(metadata, baseType, nameof(InstallableDriver)) || IsContractType(metadata, baseType, nameof(InstallableDriver) + "`1"))
            {
                return true;
            }

            switch (baseType.Kind)
            {
                case HandleKind.TypeDefinition:
                    handle = (TypeDefinitionHandle)baseType;
                    continue;
                case HandleKind.TypeReference when IsSystemObject(metadata, (TypeReferenceHandle)baseType):
                    return false;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>A generic instantiation's type definition or reference (<c>InstallableDriver&lt;T&gt;</c> gives <c>InstallableDriver`1</c>).</summary>
    private static EntityHandle GenericDefinition(MetadataReader metadata, EntityHandle handle)
    {
        if (handle.Kind != HandleKind.TypeSpecification)
        {
            return handle;
        }

        var signature = metadata.GetBlobReader(metadata.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
        return signature.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance
            && signature.ReadSignatureTypeCode() == SignatureTypeCode.TypeHandle
            ? signature.ReadTypeHandle()
            : default;
    }

    private static bool IsSystemObject(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var reference = metadata.GetTypeReference(handle);
        return metadata.StringComparer.Equals(reference.Namespace, "System") && metadata.StringComparer.Equals(reference.Name, "Object");
    }
}
